/**
 * EventBridge event patterns, as a pure function of (pattern, event).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html
 *
 * - Every field named in the pattern must match (AND); the values in a field's array are
 *   alternatives (OR); `$or` takes a list of sub-patterns.
 * - Leaf values are lists of exact values (string, number, boolean, null) and filter objects:
 *   `prefix`, `suffix` (optionally `{ equals-ignore-case }`), `equals-ignore-case`, `wildcard`,
 *   `anything-but` (value, list, or `{ prefix | suffix | equals-ignore-case | wildcard }`),
 *   `numeric` (`=`, `<`, `<=`, `>`, `>=` pairs), `exists`, `cidr` (IPv4).
 * - An array in the event matches when any of its elements matches.
 * - A field missing from the event matches only `{ "exists": false }`.
 */
type Json = unknown;
type Filter = Readonly<Record<string, Json>>;

const isObject = (value: Json): value is Readonly<Record<string, Json>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An invalid pattern: the message names the offending field, as PutRule's InvalidEventPatternException does. */
export class EventPatternError extends Error {}

export function matchesPattern(pattern: Json, event: Json): boolean {
  if (!isObject(pattern)) throw new EventPatternError('Event pattern must be a JSON object');
  return matchObject(pattern, event, '');
}

function matchObject(pattern: Readonly<Record<string, Json>>, node: Json, path: string): boolean {
  return Object.entries(pattern).every(([name, rule]) => {
    const where = path ? `${path}.${name}` : name;
    if (name === '$or') {
      if (!Array.isArray(rule) || rule.length < 2 || !rule.every(isObject))
        throw new EventPatternError(`${where} must be a list of at least two patterns`);
      return rule.some((alternative) => matchObject(alternative as Filter, node, path));
    }
    const value = isObject(node) && Object.hasOwn(node, name) ? node[name] : undefined;
    const present = isObject(node) && Object.hasOwn(node, name);
    if (isObject(rule)) {
      // Nested pattern: an array of objects in the event matches when any element does.
      if (Array.isArray(value)) return value.some((element) => matchObject(rule, element, where));
      return matchObject(rule, value, where);
    }
    if (!Array.isArray(rule)) throw new EventPatternError(`${where} must be an object or an array`);
    return matchLeaf(rule, present, value, where);
  });
}

function matchLeaf(rule: readonly Json[], present: boolean, value: Json, where: string): boolean {
  const values: Json[] = !present ? [] : Array.isArray(value) ? value : [value];
  return rule.some((matcher) => {
    if (isObject(matcher)) {
      if (Object.hasOwn(matcher, 'exists')) {
        if (typeof matcher.exists !== 'boolean')
          throw new EventPatternError(`${where}: exists takes true or false`);
        // exists applies to leaves: an object value is not a leaf.
        const leafPresent = present && !isObject(value);
        return matcher.exists === leafPresent;
      }
      return values.some((v) => matchFilter(matcher, v, where));
    }
    if (matcher !== null && typeof matcher === 'object')
      throw new EventPatternError(`${where}: nested lists are not allowed`);
    return values.some((v) => exact(matcher, v));
  });
}

const exact = (expected: Json, actual: Json): boolean =>
  typeof expected === 'number' && typeof actual === 'number' ? expected === actual : expected === actual;

function matchFilter(filter: Filter, value: Json, where: string): boolean {
  const keys = Object.keys(filter);
  if (keys.length !== 1) throw new EventPatternError(`${where}: a filter object takes exactly one key`);
  const [kind = ''] = keys;
  const operand = filter[kind];
  switch (kind) {
    case 'prefix':
      return typeof value === 'string' && affix(operand, value, where, (v, s) => v.startsWith(s));
    case 'suffix':
      return typeof value === 'string' && affix(operand, value, where, (v, s) => v.endsWith(s));
    case 'equals-ignore-case': {
      // A list is allowed (under anything-but: "none of these, in any case").
      const options = Array.isArray(operand) ? operand : [operand];
      const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
      return options.some((option) => lower === stringOperand(option, where).toLowerCase());
    }
    case 'wildcard':
      return typeof value === 'string' && wildcard(stringOperand(operand, where)).test(value);
    case 'anything-but':
      return anythingBut(operand, value, where);
    case 'numeric':
      return typeof value === 'number' && numeric(operand, value, where);
    case 'cidr':
      return typeof value === 'string' && inCidr(stringOperand(operand, where), value, where);
    default:
      throw new EventPatternError(`${where}: unrecognized match type ${kind}`);
  }
}

function stringOperand(operand: Json, where: string): string {
  if (typeof operand !== 'string') throw new EventPatternError(`${where}: the filter takes a string`);
  return operand;
}

function affix(
  operand: Json,
  value: string,
  where: string,
  test: (v: string, s: string) => boolean,
): boolean {
  if (isObject(operand) && Object.hasOwn(operand, 'equals-ignore-case'))
    return test(value.toLowerCase(), stringOperand(operand['equals-ignore-case'], where).toLowerCase());
  return test(value, stringOperand(operand, where));
}

/** `*` matches any run of characters (including none); `\*` is a literal star. */
function wildcard(text: string): RegExp {
  const parts = text
    .split(/(?<!\\)\*/)
    .map((part) => part.replace(/\\\*/g, '*').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's');
}

function anythingBut(operand: Json, value: Json, where: string): boolean {
  if (isObject(operand)) return !matchFilter(operand, value, `${where}.anything-but`);
  const excluded = Array.isArray(operand) ? operand : [operand];
  if (excluded.some((e) => e !== null && typeof e === 'object'))
    throw new EventPatternError(`${where}: anything-but takes a value, a list of values or one filter`);
  return !excluded.some((e) => exact(e, value));
}

const COMPARE: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function numeric(operand: Json, value: number, where: string): boolean {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0)
    throw new EventPatternError(`${where}: numeric takes operator/number pairs`);
  for (let i = 0; i < operand.length; i += 2) {
    const op = operand[i];
    const bound = operand[i + 1];
    const compare = typeof op === 'string' && Object.hasOwn(COMPARE, op) ? COMPARE[op] : undefined;
    if (!compare || typeof bound !== 'number')
      throw new EventPatternError(`${where}: numeric takes operator/number pairs, got ${JSON.stringify(op)}`);
    if (!compare(value, bound)) return false;
  }
  return true;
}

const ipv4 = (text: string): number | undefined => {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
};

function inCidr(cidr: string, value: string, where: string): boolean {
  const [base = '', bitsText = ''] = cidr.split('/');
  const network = ipv4(base);
  const bits = Number(bitsText);
  if (network === undefined || !/^\d{1,2}$/.test(bitsText) || bits > 32)
    throw new EventPatternError(`${where}: cidr must be an IPv4 block such as 10.0.0.0/24`);
  const address = ipv4(value);
  if (address === undefined) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(address / size) === Math.floor(network / size);
}

/**
 * Checks a whole pattern (matching stops at the first field that fails, so it cannot be relied on
 * to find every problem); throws EventPatternError naming the first bad field.
 */
export function validatePattern(pattern: Json): void {
  if (!isObject(pattern)) throw new EventPatternError('Event pattern must be a JSON object');
  validateObject(pattern, '');
}

function validateObject(pattern: Readonly<Record<string, Json>>, path: string): void {
  for (const [name, rule] of Object.entries(pattern)) {
    const where = path ? `${path}.${name}` : name;
    if (name === '$or') {
      if (!Array.isArray(rule) || rule.length < 2 || !rule.every(isObject))
        throw new EventPatternError(`${where} must be a list of at least two patterns`);
      for (const alternative of rule) validateObject(alternative as Filter, path);
    } else if (isObject(rule)) validateObject(rule, where);
    else if (!Array.isArray(rule)) throw new EventPatternError(`${where} must be an object or an array`);
    else if (rule.length === 0) throw new EventPatternError(`${where}: an empty list matches nothing`);
    else for (const matcher of rule) validateMatcher(matcher, where);
  }
}

function validateMatcher(matcher: Json, where: string): void {
  if (!isObject(matcher)) {
    if (matcher !== null && typeof matcher === 'object')
      throw new EventPatternError(`${where}: nested lists are not allowed`);
    return;
  }
  if (Object.hasOwn(matcher, 'exists')) {
    if (typeof matcher.exists !== 'boolean' || Object.keys(matcher).length !== 1)
      throw new EventPatternError(`${where}: exists takes true or false`);
    return;
  }
  // Probing with a string and a number reaches every operand check of every filter kind.
  matchFilter(matcher, 'x', where);
  matchFilter(matcher, 0, where);
}
