/**
 * Input validation declared as data beside each operation (dynalite's `validations/`), checked
 * before the handler runs. The checks are one system; how the problems found are reported is the
 * service's: most answer AWS's "N validation error(s) detected" form (`awsValidationList`), SQS and
 * Firehose answer the first problem with their own codes (`firstProblem`).
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
      readonly minItems?: number;
      readonly maxItems?: number;
    }
  | { readonly type: 'structure'; readonly required?: boolean; readonly fields: InputSchema }
  /** A JSON object kept whole, members unchecked (SQS attribute maps, Firehose records). */
  | { readonly type: 'map'; readonly required?: boolean }
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
          : R extends { type: 'map' }
            ? Record<string, unknown>
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

/** What a value failed: its presence, its type, or one bound of its rule. */
export type Constraint =
  | { readonly kind: 'missing' }
  | { readonly kind: 'type' }
  | { readonly kind: 'minLength' | 'maxLength' | 'min' | 'max'; readonly limit: number }
  | { readonly kind: 'pattern'; readonly pattern: RegExp }
  | { readonly kind: 'enum'; readonly values: readonly string[] };

/** One problem found, with enough context for any service's message form. */
export interface Problem {
  /** The top-level member as the request names it (`QueueUrl`). */
  readonly member: string;
  /** The top-level member's rule. */
  readonly memberRule: FieldRule;
  /** The top-level member's value as sent (undefined when missing). */
  readonly memberValue: unknown;
  /** AWS's path form of the failing value: `items.2.member`, `nested.inner`. */
  readonly path: string;
  /** The failing value itself, and the rule it failed. */
  readonly value: unknown;
  readonly rule: FieldRule;
  readonly constraint: Constraint;
}

/** How a service turns the problems found into the one error it answers. */
export interface ValidationStyle {
  /** Called with at least one problem, in schema order. */
  readonly report: (problems: readonly Problem[], validationCode: string) => AwsError;
  /** A body that is not a JSON object; when absent such a body is read as `{}`. */
  readonly notAnObject?: () => AwsError;
}

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

const TYPE_CONSTRAINT: Record<FieldRule['type'], string> = {
  string: 'Member must be a string',
  integer: 'Member must be an integer',
  boolean: 'Member must be a boolean',
  list: 'Member must be a list',
  structure: 'Member must be a structure',
  map: 'Member must be a map',
  any: 'Member must be a value',
};

function listConstraint(problem: Problem): string {
  const c = problem.constraint;
  switch (c.kind) {
    case 'missing':
      return 'Member must not be null';
    case 'type':
      return TYPE_CONSTRAINT[problem.rule.type];
    case 'minLength':
      return `Member must have length greater than or equal to ${c.limit}`;
    case 'maxLength':
      return `Member must have length less than or equal to ${c.limit}`;
    case 'min':
      return `Member must have value greater than or equal to ${c.limit}`;
    case 'max':
      return `Member must have value less than or equal to ${c.limit}`;
    case 'pattern':
      return `Member must satisfy regular expression pattern: ${c.pattern.source}`;
    case 'enum':
      return `Member must satisfy enum value set: [${c.values.join(', ')}]`;
  }
}

/** AWS's common form: every problem listed, one `validationCode` error (the default). */
export const awsValidationList: ValidationStyle = {
  report(problems, validationCode) {
    const lines = problems.map((p) =>
      p.constraint.kind === 'missing'
        ? `Value null at '${p.path}' failed to satisfy constraint: ${listConstraint(p)}`
        : `Value '${shown(p.value)}' at '${p.path}' failed to satisfy constraint: ${listConstraint(p)}`,
    );
    const count = lines.length === 1 ? '1 validation error' : `${lines.length} validation errors`;
    return new AwsError(validationCode, `${count} detected: ${lines.join('; ')}`, 400);
  },
};

/**
 * The form SQS and Firehose answer: the first problem only, named by its top-level member, with a
 * code for absent members and one for invalid values. `mapName` is what the service's messages call
 * a JSON object member (`record` in SQS, `object` in Firehose); a list of them is `object[]` in both.
 */
export function firstProblem(options: {
  readonly invalid: string;
  readonly missing: string;
  readonly mapName: string;
}): ValidationStyle {
  const element = (rule: FieldRule): string =>
    rule.type === 'map' || rule.type === 'structure' ? 'object' : rule.type;
  const typeName = (rule: FieldRule): string =>
    rule.type === 'list'
      ? `${element(rule.member)}[]`
      : rule.type === 'map'
        ? options.mapName
        : element(rule);
  const invalid = (message: string) => new AwsError(options.invalid, message, 400);
  return {
    notAnObject: () => invalid('The request body must be a JSON object'),
    report(problems) {
      // The member checked first in schema order; a wrong type anywhere in it wins over its bounds.
      const first = problems[0] as Problem;
      const own = problems.filter((p) => p.member === first.member);
      const { member, memberRule, memberValue } = first;
      if (first.constraint.kind === 'missing' && first.path === lowerFirst(member)) {
        return new AwsError(options.missing, `The request must contain the parameter ${member}.`, 400);
      }
      const typeProblem = own.find((p) => p.constraint.kind === 'type' || p.constraint.kind === 'missing');
      if (typeProblem || hasMemberOfWrongType(memberRule, memberValue)) {
        return invalid(`Value for parameter ${member} is invalid: expected ${typeName(memberRule)}.`);
      }
      return invalid(
        `Value ${JSON.stringify(memberValue)} for parameter ${member} is invalid. ${boundText(first.constraint)}`,
      );
    },
  };
}

function boundText(c: Constraint): string {
  switch (c.kind) {
    case 'min':
      return `Must be at least ${c.limit}.`;
    case 'max':
      return `Must be at most ${c.limit}.`;
    case 'minLength':
      return `Length must be at least ${c.limit}.`;
    case 'maxLength':
      return `Length must be at most ${c.limit}.`;
    case 'enum':
      return `Must be one of ${c.values.join(', ')}.`;
    case 'pattern':
      return `Must match ${c.pattern.source}.`;
    default:
      return '';
  }
}

/** A list out of bounds is not checked member by member; its members' types are looked at here. */
function hasMemberOfWrongType(rule: FieldRule, value: unknown): boolean {
  if (rule.type !== 'list' || !Array.isArray(value)) return false;
  return value.some((item) => !hasType(rule.member, item, 'json'));
}

function hasType(rule: FieldRule, value: unknown, mode: WireMode): boolean {
  switch (rule.type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return (
        (typeof value === 'number' && Number.isInteger(value)) ||
        (mode === 'query' && typeof value === 'string' && /^-?\d+$/.test(value))
      );
    case 'boolean':
      return typeof value === 'boolean' || (mode === 'query' && (value === 'true' || value === 'false'));
    case 'list':
      return Array.isArray(value) || (mode === 'query' && value === '');
    case 'structure':
    case 'map':
      return isRecord(value);
    case 'any':
      return true;
  }
}

/**
 * Returns the input with query strings converted to their declared types (only the schema's
 * members; `map` and `any` values whole); throws one error, built by `style`, for every problem.
 */
export function validateInput(
  schema: InputSchema,
  raw: unknown,
  mode: WireMode,
  validationCode: string,
  style: ValidationStyle = awsValidationList,
): Record<string, unknown> {
  if (raw !== undefined && raw !== null && !isRecord(raw) && style.notAnObject) throw style.notAnObject();
  const problems: Problem[] = [];
  const input = isRecord(raw) ? raw : {};
  const out: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(schema)) {
    const value = input[name];
    const at = { member: name, memberRule: rule, memberValue: value };
    const checked = checkMember(rule, value, lowerFirst(name), mode, (problem) =>
      problems.push({ ...at, ...problem }),
    );
    if (checked !== undefined) out[name] = checked;
  }
  if (problems.length > 0) throw style.report(problems, validationCode);
  return out;
}

type Found = (problem: Pick<Problem, 'path' | 'value' | 'rule' | 'constraint'>) => void;

function checkMember(rule: FieldRule, value: unknown, path: string, mode: WireMode, found: Found): unknown {
  if (value === undefined || value === null) {
    if (rule.required) found({ path, value, rule, constraint: { kind: 'missing' } });
    return undefined;
  }
  return checkValue(rule, value, path, mode, found);
}

function checkValue(rule: FieldRule, value: unknown, path: string, mode: WireMode, found: Found): unknown {
  const fail = (constraint: Constraint): undefined => {
    found({ path, value, rule, constraint });
    return undefined;
  };
  if (!hasType(rule, value, mode)) return fail({ kind: 'type' });
  switch (rule.type) {
    case 'string': {
      const text = value as string;
      if (rule.minLength !== undefined && text.length < rule.minLength)
        return fail({ kind: 'minLength', limit: rule.minLength });
      if (rule.maxLength !== undefined && text.length > rule.maxLength)
        return fail({ kind: 'maxLength', limit: rule.maxLength });
      if (rule.pattern && !rule.pattern.test(text)) return fail({ kind: 'pattern', pattern: rule.pattern });
      if (rule.enum && !rule.enum.includes(text)) return fail({ kind: 'enum', values: rule.enum });
      return text;
    }
    case 'integer': {
      const n = typeof value === 'string' ? Number(value) : (value as number);
      if (rule.min !== undefined && n < rule.min) return fail({ kind: 'min', limit: rule.min });
      if (rule.max !== undefined && n > rule.max) return fail({ kind: 'max', limit: rule.max });
      return n;
    }
    case 'boolean':
      return typeof value === 'string' ? value === 'true' : value;
    case 'list': {
      // awsQuery writes an empty list as `Name=` (botocore does for `Tags=[]`).
      if (value === '') return [];
      const items = value as unknown[];
      if (rule.minItems !== undefined && items.length < rule.minItems)
        return fail({ kind: 'minLength', limit: rule.minItems });
      if (rule.maxItems !== undefined && items.length > rule.maxItems)
        return fail({ kind: 'maxLength', limit: rule.maxItems });
      return items.map((item, i) => checkValue(rule.member, item, `${path}.${i + 1}.member`, mode, found));
    }
    case 'structure': {
      const fields = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(rule.fields)) {
        const checked = checkMember(field, fields[name], `${path}.${lowerFirst(name)}`, mode, found);
        if (checked !== undefined) out[name] = checked;
      }
      return out;
    }
    case 'map':
    case 'any':
      return value;
  }
}

/**
 * `validateInput` typed from the schema (nested inputs a handler validates itself, such as batch
 * entries). The one cast is what validation guarantees: the object has exactly the schema's shape.
 */
export function parseInput<const S extends InputSchema>(
  schema: S,
  raw: unknown,
  mode: WireMode,
  validationCode: string,
  style?: ValidationStyle,
): InferInput<S> {
  return validateInput(schema, raw, mode, validationCode, style) as InferInput<S>;
}
