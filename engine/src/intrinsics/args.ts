import { NO_VALUE } from './context.ts';
import { IntrinsicError } from './intrinsic-error.ts';

/** Argument checks shared by the handlers; each error names the intrinsic's path. */

export function argList(args: unknown, path: string, min: number, max = min): unknown[] {
  if (!Array.isArray(args) || args.length < min || args.length > max) {
    const count = min === max ? `${min}` : `${min} to ${max}`;
    throw new IntrinsicError(path, `expected a list of ${count} arguments`);
  }
  return args;
}

/** A resolved scalar as a string; numbers and booleans are accepted, as CloudFormation does. */
export function asString(value: unknown, path: string, what = 'value'): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new IntrinsicError(path, `expected the ${what} to be a string, got ${kind(value)}`);
}

export function asList(value: unknown, path: string, what = 'value'): unknown[] {
  if (!Array.isArray(value))
    throw new IntrinsicError(path, `expected the ${what} to be a list, got ${kind(value)}`);
  return value;
}

export function kind(value: unknown): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
