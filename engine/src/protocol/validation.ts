/**
 * Input validation declared as data beside each operation (dynalite's `validations/`), checked
 * before the handler runs. Messages follow AWS's "N validation error(s) detected" form.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html
 */
import { AwsError } from '../runtime/aws-error.ts';

export type FieldRule =
  | {
      readonly type: 'string';
      readonly required?: boolean;
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly pattern?: RegExp;
      readonly enum?: readonly string[];
    }
  | { readonly type: 'integer'; readonly required?: boolean; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean'; readonly required?: boolean }
  | {
      readonly type: 'list';
      readonly required?: boolean;
      readonly member: FieldRule;
      readonly maxItems?: number;
    }
  | { readonly type: 'structure'; readonly required?: boolean; readonly fields: InputSchema }
  /** Any JSON value, passed through unchecked (documents, attribute maps). */
  | { readonly type: 'any'; readonly required?: boolean };

export type InputSchema = Readonly<Record<string, FieldRule>>;

type Infer<R> = R extends { type: 'string' }
  ? string
  : R extends { type: 'integer' }
    ? number
    : R extends { type: 'boolean' }
      ? boolean
      : R extends { type: 'list'; member: infer M }
        ? Infer<M>[]
        : R extends { type: 'structure'; fields: infer F }
          ? InferInput<F>
          : unknown;

/** The typed input a schema describes: required fields present, the others optional. */
export type InferInput<S> = {
  readonly [K in keyof S as S[K] extends { required: true } ? K : never]: Infer<S[K]>;
} & {
  readonly [K in keyof S as S[K] extends { required: true } ? never : K]?: Infer<S[K]>;
};

/**
 * `json`: values must already have their types. `query`: every value arrives as a string
 * (awsQuery form encoding), so numbers and booleans are parsed here.
 */
export type WireMode = 'json' | 'query';

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Returns the input with query strings converted to their declared types; throws one
 * `AwsError(validationCode)` listing every problem.
 */
export function validateInput(
  schema: InputSchema,
  raw: unknown,
  mode: WireMode,
  validationCode: string,
): Record<string, unknown> {
  const problems: string[] = [];
  const value = checkShape(schema, isRecord(raw) ? raw : {}, '', mode, problems);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
    throw new AwsError(validationCode, `${count} detected: ${problems.join('; ')}`, 400);
  }
  return value;
}

function checkShape(
  schema: InputSchema,
  input: Record<string, unknown>,
  prefix: string,
  mode: WireMode,
  problems: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(schema)) {
    const path = prefix ? `${prefix}.${lowerFirst(name)}` : lowerFirst(name);
    const value = input[name];
    if (value === undefined || value === null) {
      if (rule.required)
        problems.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    const checked = checkValue(rule, value, path, mode, problems);
    if (checked !== undefined) out[name] = checked;
  }
  return out;
}

const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function checkValue(
  rule: FieldRule,
  value: unknown,
  path: string,
  mode: WireMode,
  problems: string[],
): unknown {
  const fail = (constraint: string): undefined => {
    problems.push(`Value '${shown(value)}' at '${path}' failed to satisfy constraint: ${constraint}`);
    return undefined;
  };
  switch (rule.type) {
    case 'string': {
      if (typeof value !== 'string') return fail('Member must be a string');
      if (rule.minLength !== undefined && value.length < rule.minLength) {
        return fail(`Member must have length greater than or equal to ${rule.minLength}`);
      }
      if (rule.maxLength !== undefined && value.length > rule.maxLength) {
        return fail(`Member must have length less than or equal to ${rule.maxLength}`);
      }
      if (rule.pattern && !rule.pattern.test(value)) {
        return fail(`Member must satisfy regular expression pattern: ${rule.pattern.source}`);
      }
      if (rule.enum && !rule.enum.includes(value))
        return fail(`Member must satisfy enum value set: [${rule.enum.join(', ')}]`);
      return value;
    }
    case 'integer': {
      const n =
        mode === 'query' && typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) return fail('Member must be an integer');
      if (rule.min !== undefined && n < rule.min)
        return fail(`Member must have value greater than or equal to ${rule.min}`);
      if (rule.max !== undefined && n > rule.max)
        return fail(`Member must have value less than or equal to ${rule.max}`);
      return n;
    }
    case 'boolean': {
      const b = mode === 'query' && (value === 'true' || value === 'false') ? value === 'true' : value;
      return typeof b === 'boolean' ? b : fail('Member must be a boolean');
    }
    case 'list': {
      // awsQuery writes an empty list as `Name=` (botocore does for `Tags=[]`).
      if (mode === 'query' && value === '') return [];
      if (!Array.isArray(value)) return fail('Member must be a list');
      if (rule.maxItems !== undefined && value.length > rule.maxItems) {
        return fail(`Member must have length less than or equal to ${rule.maxItems}`);
      }
      return value.map((item, i) => checkValue(rule.member, item, `${path}.${i + 1}.member`, mode, problems));
    }
    case 'structure':
      return isRecord(value)
        ? checkShape(rule.fields, value, path, mode, problems)
        : fail('Member must be a structure');
    case 'any':
      return value;
  }
}
