import { iamErrors } from './errors.ts';

/**
 * An IAM policy document in a normal form: every "string or list" field is a list, every condition
 * value a list of strings. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly PolicyStatement[];
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
  readonly Principal?: PrincipalSpec;
  readonly NotPrincipal?: PrincipalSpec;
  /** operator -> condition key -> values (values OR-ed; keys and operators AND-ed). */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** `"*"` or `{ AWS: [...], Service: [...], Federated: [...], CanonicalUser: [...] }`. */
export type PrincipalSpec = '*' | Readonly<Record<string, readonly string[]>>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function stringList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw iamErrors.malformedPolicyDocument(`${where} must be a string or a list of strings`);
  });
}

function principal(value: unknown, where: string): PrincipalSpec {
  if (value === '*') return '*';
  if (!isRecord(value)) throw iamErrors.malformedPolicyDocument(`${where} must be "*" or an object`);
  return Object.fromEntries(
    Object.entries(value).map(([kind, ids]) => [kind, stringList(ids, `${where}.${kind}`)]),
  );
}

function condition(value: unknown, where: string): PolicyStatement['Condition'] {
  if (!isRecord(value)) throw iamErrors.malformedPolicyDocument(`${where} must be an object`);
  return Object.fromEntries(
    Object.entries(value).map(([operator, block]) => {
      if (!isRecord(block)) throw iamErrors.malformedPolicyDocument(`${where}.${operator} must be an object`);
      return [
        operator,
        Object.fromEntries(
          Object.entries(block).map(([key, v]) => [key, stringList(v, `${where}.${operator}.${key}`)]),
        ),
      ];
    }),
  );
}

function statement(value: unknown, index: number): PolicyStatement {
  const where = `Statement[${index}]`;
  if (!isRecord(value)) throw iamErrors.malformedPolicyDocument(`${where} must be an object`);
  const { Sid, Effect, Action, NotAction, Resource, NotResource, Principal, NotPrincipal, Condition } = value;
  if (Effect !== 'Allow' && Effect !== 'Deny')
    throw iamErrors.malformedPolicyDocument(`${where}.Effect must be Allow or Deny`);
  if ((Action === undefined) === (NotAction === undefined)) {
    throw iamErrors.malformedPolicyDocument(`${where} must have exactly one of Action or NotAction`);
  }
  if (Resource !== undefined && NotResource !== undefined) {
    throw iamErrors.malformedPolicyDocument(`${where} cannot have both Resource and NotResource`);
  }
  return {
    ...(typeof Sid === 'string' && { Sid }),
    Effect,
    ...(Action !== undefined && { Action: stringList(Action, `${where}.Action`) }),
    ...(NotAction !== undefined && { NotAction: stringList(NotAction, `${where}.NotAction`) }),
    ...(Resource !== undefined && { Resource: stringList(Resource, `${where}.Resource`) }),
    ...(NotResource !== undefined && { NotResource: stringList(NotResource, `${where}.NotResource`) }),
    ...(Principal !== undefined && { Principal: principal(Principal, `${where}.Principal`) }),
    ...(NotPrincipal !== undefined && { NotPrincipal: principal(NotPrincipal, `${where}.NotPrincipal`) }),
    ...(Condition !== undefined && { Condition: condition(Condition, `${where}.Condition`) }),
  };
}

/**
 * Reads a policy document given as an object or as JSON text (CloudFormation passes objects, the
 * IAM API URL-encoded JSON). Throws MalformedPolicyDocument on a shape IAM would reject.
 */
export function parsePolicyDocument(document: unknown): PolicyDocument {
  let value = document;
  if (typeof document === 'string') {
    try {
      value = JSON.parse(document);
    } catch {
      throw iamErrors.malformedPolicyDocument('Syntax errors in policy.');
    }
  }
  if (!isRecord(value)) throw iamErrors.malformedPolicyDocument('The policy document must be a JSON object');
  const statements = value.Statement;
  if (statements === undefined)
    throw iamErrors.malformedPolicyDocument('Policy document must contain a Statement');
  const list = Array.isArray(statements) ? statements : [statements];
  return {
    ...(typeof value.Version === 'string' && { Version: value.Version }),
    Statement: list.map((s, i) => statement(s, i)),
  };
}
