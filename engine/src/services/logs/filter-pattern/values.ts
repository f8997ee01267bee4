/**
 * The right-hand side of a comparison and how it tests a value found in the event: a number
 * (numeric comparison, all six operators), a string (`=`/`!=` only, `*` matches any run of
 * characters) or a `%regex%` (`=`/`!=` only, matches anywhere in the value).
 */
import { invalidPattern } from './invalid.ts';
import type { Token } from './lexer.ts';

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type Expected =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string; matcher: RegExp }
  | { kind: 'regex'; matcher: RegExp };

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export function expectedValue(token: Token | undefined, operator: Operator, pattern: string): Expected {
  if (!token || (token.kind !== 'word' && token.kind !== 'string' && token.kind !== 'regex')) {
    throw invalidPattern(pattern, `a value is missing after ${operator}`);
  }
  if (token.kind === 'word' && NUMBER.test(token.text)) return { kind: 'number', value: Number(token.text) };
  if (operator !== '=' && operator !== '!=') {
    throw invalidPattern(pattern, `${operator} compares numbers only, not ${JSON.stringify(token.text)}`);
  }
  if (token.kind === 'regex') return { kind: 'regex', matcher: compileRegex(token.text, pattern) };
  return { kind: 'string', value: token.text, matcher: wildcard(token.text) };
}

export function compileRegex(source: string, pattern: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw invalidPattern(pattern, `%${source}% is not a valid regular expression`);
  }
}

const wildcard = (text: string): RegExp =>
  new RegExp(`^${text.split('*').map(escapeRegExp).join('[\\s\\S]*')}$`);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `actual` (a JSON value or a field's text; undefined when absent) satisfies the comparison. */
export function compare(actual: unknown, operator: Operator, expected: Expected): boolean {
  if (actual === undefined || actual === null || typeof actual === 'object') return false;
  if (expected.kind === 'number') {
    const number = typeof actual === 'number' ? actual : numeric(String(actual));
    if (number === undefined) return false;
    return compareNumbers(number, operator, expected.value);
  }
  const matches = expected.matcher.test(String(actual));
  return operator === '=' ? matches : !matches;
}

const numeric = (text: string): number | undefined => (NUMBER.test(text.trim()) ? Number(text) : undefined);

function compareNumbers(actual: number, operator: Operator, expected: number): boolean {
  switch (operator) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
  }
}
