/**
 * Boolean expressions shared by JSON and space-delimited patterns: comparisons joined with `&&`
 * and `||` (`&&` binds tighter) and grouped with parentheses. What stands left of an operator is
 * read by the caller (a JSON selector, a field name), so each pattern kind keeps its own lookup.
 */
import { invalidPattern } from './invalid.ts';
import type { Token } from './lexer.ts';
import { compare, type Expected, expectedValue, type Operator } from './values.ts';

export type Condition<L> =
  | { kind: 'and' | 'or'; parts: Condition<L>[] }
  | { kind: 'compare'; left: L; operator: Operator; expected: Expected }
  | { kind: 'test'; left: L; test: (value: unknown) => boolean };

/** Reads one comparison's left side and, for forms without an operator (`IS NULL`), the whole test. */
export type LeftReader<L> = (
  tokens: Cursor,
  pattern: string,
) => { left: L; test?: (value: unknown) => boolean };

export class Cursor {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.index];
  }
  next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }
  done(): boolean {
    return this.index >= this.tokens.length;
  }
}

export function parseCondition<L>(tokens: Token[], readLeft: LeftReader<L>, pattern: string): Condition<L> {
  const cursor = new Cursor(tokens);
  const condition = parseOr(cursor, readLeft, pattern);
  if (!cursor.done())
    throw invalidPattern(pattern, `unexpected ${describe(cursor.peek())} after a complete condition`);
  return condition;
}

function parseOr<L>(cursor: Cursor, readLeft: LeftReader<L>, pattern: string): Condition<L> {
  const parts = [parseAnd(cursor, readLeft, pattern)];
  while (cursor.peek()?.kind === 'or') {
    cursor.next();
    parts.push(parseAnd(cursor, readLeft, pattern));
  }
  return parts.length === 1 ? (parts[0] as Condition<L>) : { kind: 'or', parts };
}

function parseAnd<L>(cursor: Cursor, readLeft: LeftReader<L>, pattern: string): Condition<L> {
  const parts = [parsePrimary(cursor, readLeft, pattern)];
  while (cursor.peek()?.kind === 'and') {
    cursor.next();
    parts.push(parsePrimary(cursor, readLeft, pattern));
  }
  return parts.length === 1 ? (parts[0] as Condition<L>) : { kind: 'and', parts };
}

function parsePrimary<L>(cursor: Cursor, readLeft: LeftReader<L>, pattern: string): Condition<L> {
  if (cursor.peek()?.kind === 'open') {
    cursor.next();
    const inner = parseOr(cursor, readLeft, pattern);
    if (cursor.next()?.kind !== 'close') throw invalidPattern(pattern, 'a "(" is not closed');
    return inner;
  }
  const { left, test } = readLeft(cursor, pattern);
  if (test) return { kind: 'test', left, test };
  const operator = cursor.next();
  if (operator?.kind !== 'op')
    throw invalidPattern(pattern, `expected a comparison operator, found ${describe(operator)}`);
  return {
    kind: 'compare',
    left,
    operator: operator.text,
    expected: expectedValue(cursor.next(), operator.text, pattern),
  };
}

export function evaluate<L>(condition: Condition<L>, lookup: (left: L) => unknown): boolean {
  switch (condition.kind) {
    case 'and':
      return condition.parts.every((part) => evaluate(part, lookup));
    case 'or':
      return condition.parts.some((part) => evaluate(part, lookup));
    case 'compare':
      return compare(lookup(condition.left), condition.operator, condition.expected);
    case 'test':
      return condition.test(lookup(condition.left));
  }
}

export function describe(token: Token | undefined): string {
  if (!token) return 'the end of the pattern';
  if (token.kind === 'word' || token.kind === 'op') return `"${token.text}"`;
  if (token.kind === 'string') return JSON.stringify(token.text);
  if (token.kind === 'regex') return `%${token.text}%`;
  return { and: '"&&"', or: '"||"', open: '"("', close: '")"' }[token.kind];
}
