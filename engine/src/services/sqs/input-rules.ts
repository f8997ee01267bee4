import { AwsError } from '../../runtime/aws-error.ts';

/**
 * Input validation declared as data beside each operation (dynalite's `validations/`): a rule per
 * member, checked before the operation runs, with the typed input inferred from the rules.
 * Used by the JSON-protocol services (SQS, Firehose). Candidate for engine/src/runtime/.
 */
export type FieldType = 'string' | 'integer' | 'boolean' | 'string[]' | 'object' | 'object[]' | 'record';

export interface FieldRule {
  readonly type: FieldType;
  readonly required?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly oneOf?: readonly string[];
}

export type InputRules = Readonly<Record<string, FieldRule>>;

type TypeOf<T extends FieldType> = T extends 'string'
  ? string
  : T extends 'integer'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'string[]'
        ? string[]
        : T extends 'object'
          ? Record<string, unknown>
          : T extends 'object[]'
            ? Record<string, unknown>[]
            : Record<string, unknown>;

type RequiredKeys<R extends InputRules> = {
  [K in keyof R]: R[K]['required'] extends true ? K : never;
}[keyof R];

/** The typed input a set of rules describes. */
export type InputOf<R extends InputRules> = { readonly [K in RequiredKeys<R>]: TypeOf<R[K]['type']> } & {
  readonly [K in Exclude<keyof R, RequiredKeys<R>>]?: TypeOf<R[K]['type']>;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function typeMatches(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'object':
    case 'record':
      return isRecord(value);
    case 'object[]':
      return Array.isArray(value) && value.every(isRecord);
  }
}

/**
 * Checks `input` against `rules`; the first problem becomes an AwsError with `code`
 * (`InvalidParameterValue`, `InvalidArgumentException`…) or `missingCode` for absent members.
 */
export function validateInput<R extends InputRules>(
  rules: R,
  input: unknown,
  codes: { readonly invalid: string; readonly missing: string },
): InputOf<R> {
  const value = input ?? {};
  if (!isRecord(value)) throw new AwsError(codes.invalid, 'The request body must be a JSON object');
  for (const [name, rule] of Object.entries(rules)) {
    const member = value[name];
    if (member === undefined || member === null) {
      if (rule.required) throw new AwsError(codes.missing, `The request must contain the parameter ${name}.`);
      continue;
    }
    if (!typeMatches(rule.type, member)) {
      throw new AwsError(codes.invalid, `Value for parameter ${name} is invalid: expected ${rule.type}.`);
    }
    const problem = boundsProblem(rule, member);
    if (problem)
      throw new AwsError(
        codes.invalid,
        `Value ${JSON.stringify(member)} for parameter ${name} is invalid. ${problem}`,
      );
  }
  return value as InputOf<R>;
}

function boundsProblem(rule: FieldRule, member: unknown): string | undefined {
  if (typeof member === 'number') {
    if (rule.min !== undefined && member < rule.min) return `Must be at least ${rule.min}.`;
    if (rule.max !== undefined && member > rule.max) return `Must be at most ${rule.max}.`;
  }
  const length = typeof member === 'string' || Array.isArray(member) ? member.length : undefined;
  if (length !== undefined) {
    if (rule.minLength !== undefined && length < rule.minLength)
      return `Length must be at least ${rule.minLength}.`;
    if (rule.maxLength !== undefined && length > rule.maxLength)
      return `Length must be at most ${rule.maxLength}.`;
  }
  if (rule.oneOf && typeof member === 'string' && !rule.oneOf.includes(member)) {
    return `Must be one of ${rule.oneOf.join(', ')}.`;
  }
  return undefined;
}
