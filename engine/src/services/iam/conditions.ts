import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { PolicyStatement } from './policy-document.ts';
import { matchesArn, matchesWildcard } from './wildcard.ts';

/**
 * The request context condition keys are read from (`aws:SecureTransport`, `aws:SourceArn`...).
 * Key names are case-insensitive; multi-valued keys are lists.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
export type RequestContext = Readonly<
  Record<string, string | number | boolean | readonly string[] | undefined>
>;

/** One condition block's result: `unsupported` lists operators we could not evaluate. */
export interface ConditionResult {
  readonly matches: boolean;
  readonly unsupported: readonly string[];
}

type Matcher = (policyValue: string, requestValue: string) => boolean;

const numeric =
  (compare: (a: number, b: number) => boolean): Matcher =>
  (policyValue, requestValue) => {
    const p = Number(policyValue);
    const r = Number(requestValue);
    return (
      policyValue.trim() !== '' &&
      requestValue.trim() !== '' &&
      Number.isFinite(p) &&
      Number.isFinite(r) &&
      compare(r, p)
    );
  };

const toTime = (value: string): number => (/^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value));
const date =
  (compare: (a: number, b: number) => boolean): Matcher =>
  (policyValue, requestValue) => {
    const p = toTime(policyValue);
    const r = toTime(requestValue);
    return Number.isFinite(p) && Number.isFinite(r) && compare(r, p);
  };

function ipInRange(cidr: string, address: string): boolean {
  const [network = '', prefix] = cidr.split('/');
  const family = isIPv4(network) ? 'ipv4' : isIPv6(network) ? 'ipv6' : undefined;
  if (!family || !(isIPv4(address) || isIPv6(address))) return false;
  const bits = prefix === undefined ? (family === 'ipv4' ? 32 : 128) : Number(prefix);
  if (!Number.isInteger(bits) || bits < 0 || bits > (family === 'ipv4' ? 32 : 128)) return false;
  const list = new BlockList();
  list.addSubnet(network, bits, family);
  return list.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
}

/** Positive operators; see the table on the condition operators page. */
const MATCHERS: Readonly<Record<string, Matcher>> = {
  StringEquals: (p, r) => p === r,
  StringEqualsIgnoreCase: (p, r) => p.toLowerCase() === r.toLowerCase(),
  StringLike: (p, r) => matchesWildcard(p, r),
  NumericEquals: numeric((r, p) => r === p),
  NumericLessThan: numeric((r, p) => r < p),
  NumericLessThanEquals: numeric((r, p) => r <= p),
  NumericGreaterThan: numeric((r, p) => r > p),
  NumericGreaterThanEquals: numeric((r, p) => r >= p),
  DateEquals: date((r, p) => r === p),
  DateLessThan: date((r, p) => r < p),
  DateLessThanEquals: date((r, p) => r <= p),
  DateGreaterThan: date((r, p) => r > p),
  DateGreaterThanEquals: date((r, p) => r >= p),
  Bool: (p, r) => p.toLowerCase() === r.toLowerCase(),
  BinaryEquals: (p, r) => p === r,
  IpAddress: ipInRange,
  ArnEquals: matchesArn,
  ArnLike: matchesArn,
};

/** Negated operators and the positive operator they negate. */
const NEGATIONS: Readonly<Record<string, string>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

function lookup(context: RequestContext, key: string): string[] {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) {
    if (name.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? [...(value as readonly string[])] : [String(value)];
  }
  return [];
}

/**
 * Evaluates one operator/key pair. Rules from the IAM guide: values for a key are OR-ed; a missing
 * key fails a positive operator and satisfies a negated one; `...IfExists` is satisfied by a missing
 * key; `ForAllValues` is satisfied by a missing key, `ForAnyValue` is not.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * Returns undefined for an operator this engine does not know.
 */
function evaluateOperator(
  operator: string,
  key: string,
  values: readonly string[],
  context: RequestContext,
): boolean | undefined {
  const setMatch = /^(ForAnyValue|ForAllValues):(.+)$/.exec(operator);
  const qualifier = setMatch?.[1];
  let base = setMatch?.[2] ?? operator;
  const ifExists = base.endsWith('IfExists');
  if (ifExists) base = base.slice(0, -'IfExists'.length);
  const requestValues = lookup(context, key);

  if (base === 'Null') {
    if (qualifier || ifExists) return undefined;
    const absent = requestValues.length === 0;
    return values.some((v) => (v.toLowerCase() === 'true') === absent);
  }
  const positive = NEGATIONS[base] ?? base;
  const negated = positive !== base;
  const matcher = MATCHERS[positive];
  if (!matcher) return undefined;

  if (requestValues.length === 0) return ifExists || negated || qualifier === 'ForAllValues';
  const matchesAny = (requestValue: string): boolean => values.some((v) => matcher(v, requestValue));
  const test = negated ? (r: string) => !matchesAny(r) : matchesAny;
  if (qualifier === 'ForAllValues') return requestValues.every(test);
  if (qualifier === 'ForAnyValue') return requestValues.some(test);
  return negated ? requestValues.every(test) : requestValues.some(test);
}

/**
 * Evaluates a statement's Condition block: every operator and every key must hold. An operator
 * this engine does not know makes the block not match, and is reported, never ignored.
 */
export function evaluateCondition(
  condition: PolicyStatement['Condition'],
  context: RequestContext,
): ConditionResult {
  if (!condition) return { matches: true, unsupported: [] };
  const unsupported: string[] = [];
  let matches = true;
  for (const [operator, block] of Object.entries(condition)) {
    for (const [key, values] of Object.entries(block)) {
      const result = evaluateOperator(operator, key, values, context);
      if (result === undefined) {
        if (!unsupported.includes(operator)) unsupported.push(operator);
        matches = false;
      } else if (!result) {
        matches = false;
      }
    }
  }
  return { matches: matches && unsupported.length === 0, unsupported };
}
