import { TemplateError } from './template-error.ts';
import type { JsonObject, JsonValue } from './types.ts';

/** Structural checks shared by the template readers; each names the path it rejects. */

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function expectObject(value: unknown, path: string): JsonObject {
  if (!isJsonObject(value)) throw TemplateError.at(path, `expected an object, got ${describe(value)}`);
  return value;
}

export function expectString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw TemplateError.at(path, `expected a string, got ${describe(value)}`);
  return value;
}

/** A number, or a string holding one (templates write both `"5"` and `5`). */
export function expectNumber(value: unknown, path: string): number {
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isFinite(parsed)) {
    throw TemplateError.at(path, `expected a number, got ${describe(value)}`);
  }
  return parsed;
}

/** CloudFormation accepts numbers and booleans where it wants strings (`"Default": 5`). */
export function expectScalarString(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw TemplateError.at(path, `expected a string, got ${describe(value)}`);
}

/** Logical ids, parameter, condition and output names: alphanumeric, at most 255 characters. */
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;

export function expectLogicalId(name: string, path: string): string {
  if (!LOGICAL_ID.test(name)) {
    throw TemplateError.at(path, `'${name}' is not a valid logical id (alphanumeric, 1 to 255 characters)`);
  }
  return name;
}

export function rejectUnknownKeys(value: JsonObject, allowed: ReadonlySet<string>, path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      throw TemplateError.at(path, `unknown key '${key}' (allowed: ${[...allowed].join(', ')})`);
    }
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

export type { JsonValue };
