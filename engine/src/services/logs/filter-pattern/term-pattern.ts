/**
 * Unstructured patterns: `ERROR timeout` (every term), `"exact phrase"`, `-term` (none of these),
 * `?ERROR ?"Task timed out"` (at least one of these), `%regex%`. Terms are case-sensitive and
 * match anywhere in the message; a term with spaces or symbols is written in double quotes.
 */
import { invalidPattern } from './invalid.ts';
import { readQuoted } from './lexer.ts';
import { compileRegex } from './values.ts';

type Test = (message: string) => boolean;

export function compileTermPattern(text: string, pattern: string): Test {
  const required: Test[] = [];
  const excluded: Test[] = [];
  const anyOf: Test[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] as string)) {
      i += 1;
      continue;
    }
    const prefix = text[i] === '?' || text[i] === '-' ? text[i] : '';
    if (prefix) i += 1;
    const { test, end } = readTerm(text, i, pattern);
    i = end;
    (prefix === '?' ? anyOf : prefix === '-' ? excluded : required).push(test);
  }
  return (message) =>
    required.every((test) => test(message)) &&
    !excluded.some((test) => test(message)) &&
    (anyOf.length === 0 || anyOf.some((test) => test(message)));
}

function readTerm(text: string, start: number, pattern: string): { test: Test; end: number } {
  const c = text[start];
  if (c === undefined || /\s/.test(c))
    throw invalidPattern(pattern, `"${text[start - 1]}" must be followed by a term`);
  if (c === '"') {
    const { value, end } = readQuoted(text, start, pattern);
    return { test: (message) => message.includes(value), end };
  }
  if (c === '%') {
    const close = text.indexOf('%', start + 1);
    if (close < 0) throw invalidPattern(pattern, 'a regular expression opened with % is not closed');
    const regex = compileRegex(text.slice(start + 1, close), pattern);
    return { test: (message) => regex.test(message), end: close + 1 };
  }
  let end = start;
  while (end < text.length && !/\s/.test(text[end] as string)) end += 1;
  const term = text.slice(start, end);
  if (term.includes('"')) throw invalidPattern(pattern, `the term ${term} has a stray double quote`);
  return { test: (message) => message.includes(term), end };
}
