/**
 * JSON patterns: `{ $.status >= 500 && ($.path = "/x*" || $.tags[0] = %^a%) }`, plus the unary
 * forms `IS TRUE`, `IS FALSE`, `IS NULL`, `NOT EXISTS` and `EXISTS`. A selector walks object keys
 * (`.key`) and array indexes (`[0]`); an event that is not a JSON object matches nothing.
 */
import {
  type Condition,
  type Cursor,
  describe,
  evaluate,
  type LeftReader,
  parseCondition,
} from './conditions.ts';
import { invalidPattern } from './invalid.ts';
import { lex } from './lexer.ts';

type Selector = (string | number)[];

export function compileJsonPattern(text: string, pattern: string): (message: string) => boolean {
  if (!text.endsWith('}')) throw invalidPattern(pattern, 'a JSON pattern must end with }');
  const body = text.slice(1, -1);
  if (body.trim() === '') throw invalidPattern(pattern, 'a JSON pattern needs at least one condition');
  const condition: Condition<Selector> = parseCondition(lex(body, pattern), readSelector, pattern);
  return (message) => {
    const document = parseObject(message);
    return document !== undefined && evaluate(condition, (selector) => select(document, selector));
  };
}

const readSelector: LeftReader<Selector> = (cursor: Cursor, pattern: string) => {
  const token = cursor.next();
  if (token?.kind !== 'word' || !token.text.startsWith('$')) {
    throw invalidPattern(pattern, `expected a selector such as $.field, found ${describe(token)}`);
  }
  const left = parseSelector(token.text, pattern);
  const keyword = cursor.peek();
  if (keyword?.kind !== 'word') return { left };
  cursor.next();
  const word = keyword.text.toUpperCase();
  if (word === 'EXISTS') return { left, test: (value) => value !== undefined };
  if (word === 'IS' || word === 'NOT') {
    const what = cursor.next();
    const target = what?.kind === 'word' ? what.text.toUpperCase() : '';
    if (word === 'NOT' && target === 'EXISTS') return { left, test: (value) => value === undefined };
    if (word === 'IS' && target === 'TRUE') return { left, test: (value) => value === true };
    if (word === 'IS' && target === 'FALSE') return { left, test: (value) => value === false };
    if (word === 'IS' && target === 'NULL') return { left, test: (value) => value === null };
    throw invalidPattern(
      pattern,
      `"${keyword.text} ${what && 'text' in what ? what.text : ''}" is not a JSON test (IS TRUE, IS FALSE, IS NULL, NOT EXISTS)`,
    );
  }
  throw invalidPattern(
    pattern,
    `expected a comparison operator after ${token.text}, found "${keyword.text}"`,
  );
};

function parseSelector(text: string, pattern: string): Selector {
  const selector: Selector = [];
  const step = /\.([^.[\]]+)|\[(\d+)\]/y;
  let index = 1;
  while (index < text.length) {
    step.lastIndex = index;
    const match = step.exec(text);
    if (!match) throw invalidPattern(pattern, `cannot read the selector ${text}`);
    selector.push(match[1] !== undefined ? match[1] : Number(match[2]));
    index = step.lastIndex;
  }
  if (selector.length === 0) throw invalidPattern(pattern, `the selector ${text} names no field`);
  return selector;
}

function parseObject(message: string): object | undefined {
  const trimmed = message.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value !== null && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

function select(document: object, selector: Selector): unknown {
  let current: unknown = document;
  for (const key of selector) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof key === 'number' && !Array.isArray(current)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
