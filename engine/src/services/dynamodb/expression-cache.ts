/**
 * A memory of dynalite's parsed expressions.
 *
 * Why: dynalite parses every Condition/Update/KeyCondition/Filter/Projection expression of every
 * request with a PEG parser (`validations/index.js` `validateExpressions`), which was the largest
 * single cost of a conditional PutItem on the engine's main thread. Clients send the same few
 * expressions over and over (the request processor sends one `attribute_not_exists(RequestId)` per
 * write), so a successful parse is kept, keyed by everything the parse reads: the five expression
 * strings, ExpressionAttributeNames and ExpressionAttributeValues.
 *
 * Semantics kept: the parse is a pure function of those inputs (plus dynalite's reserved-word list
 * and comparator, which are constants), so a kept result is the result a fresh parse would give.
 * Each hit hands out a deep copy, because dynalite's actions may keep or change the parsed tree and
 * the values in it. Failed parses are never kept: an invalid expression is parsed, and refused with
 * dynalite's message, every time. Large keys (big attribute values) are not kept, and the memory is
 * dropped whole when it reaches `limit` entries.
 */

/** The request fields a parse reads, and the fields of `data` dynalite writes its results to. */
const INPUTS = [
  'UpdateExpression',
  'ConditionExpression',
  'KeyConditionExpression',
  'FilterExpression',
  'ProjectionExpression',
  'ExpressionAttributeNames',
  'ExpressionAttributeValues',
] as const;
const OUTPUTS = ['_updates', '_condition', '_keyCondition', '_filter', '_projection'] as const;

/** A key longer than this (an expression carrying large values) is parsed but not kept. */
const MAX_KEY_LENGTH = 2048;

type Data = Record<string, unknown>;

export interface ExpressionValidator {
  validateExpressions(data: Data): string | undefined;
}

/**
 * Replaces `validations.validateExpressions` (dynalite's module exports, which every operation's
 * validation calls through) with one that keeps successful parses. Returns the memory's size, for
 * tests.
 */
export function cacheParsedExpressions(validations: ExpressionValidator, limit = 1000): () => number {
  const parse = validations.validateExpressions.bind(validations);
  const kept = new Map<string, Partial<Record<(typeof OUTPUTS)[number], unknown>>>();
  validations.validateExpressions = (data) => {
    const key = keyOf(data);
    if (key === undefined) return parse(data);
    const hit = kept.get(key);
    if (hit !== undefined) {
      for (const field of OUTPUTS) if (field in hit) data[field] = structuredClone(hit[field]);
      return undefined;
    }
    const message = parse(data);
    if (message !== undefined) return message;
    if (kept.size >= limit) kept.clear();
    const result: Partial<Record<(typeof OUTPUTS)[number], unknown>> = {};
    for (const field of OUTPUTS) if (data[field] !== undefined) result[field] = structuredClone(data[field]);
    kept.set(key, result);
    return undefined;
  };
  return () => kept.size;
}

/** Undefined when the request has no expression (nothing to keep) or the key is too large. */
function keyOf(data: Data): string | undefined {
  if (INPUTS.every((field) => data[field] === undefined)) return undefined;
  const key = JSON.stringify(INPUTS.map((field) => data[field] ?? null));
  return key.length > MAX_KEY_LENGTH ? undefined : key;
}
