/**
 * Tokens of the expression part of a filter pattern: the inside of `{ … }` (JSON patterns) and
 * of one `[ … ]` entry (space-delimited patterns). Strings keep their escapes resolved; regular
 * expressions are the text between `%` signs; a word is any run of other characters, so a
 * selector (`$.a[0].b`), a bare value (`123.123.*`, `4*`) and a keyword (`IS`, `NOT`) are words.
 */
import { invalidPattern } from './invalid.ts';

export type Token =
  | { kind: 'op'; text: '=' | '!=' | '<' | '<=' | '>' | '>=' }
  | { kind: 'and' | 'or' | 'open' | 'close' }
  | { kind: 'string'; text: string }
  | { kind: 'regex'; text: string }
  | { kind: 'word'; text: string };

const WORD_END = /[\s()=!<>&|"%]/;

export function lex(text: string, pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const two = text.slice(i, i + 2);
    if (/\s/.test(c)) {
      i += 1;
    } else if (two === '&&' || two === '||') {
      tokens.push({ kind: two === '&&' ? 'and' : 'or' });
      i += 2;
    } else if (two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two });
      i += 2;
    } else if (c === '=' || c === '<' || c === '>') {
      tokens.push({ kind: 'op', text: c });
      i += 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close' });
      i += 1;
    } else if (c === '"') {
      const { value, end } = readQuoted(text, i, pattern);
      tokens.push({ kind: 'string', text: value });
      i = end;
    } else if (c === '%') {
      const end = text.indexOf('%', i + 1);
      if (end < 0) throw invalidPattern(pattern, 'a regular expression opened with % is not closed');
      tokens.push({ kind: 'regex', text: text.slice(i + 1, end) });
      i = end + 1;
    } else if (WORD_END.test(c)) {
      throw invalidPattern(pattern, `unexpected "${c}" at position ${i + 1}`);
    } else {
      let end = i;
      while (end < text.length && !WORD_END.test(text[end] as string)) end += 1;
      tokens.push({ kind: 'word', text: text.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

/** Reads a double-quoted string starting at `start` (backslash escapes the next character). */
export function readQuoted(text: string, start: number, pattern: string): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 1;
    } else if (c === '"') {
      return { value, end: i + 1 };
    } else {
      value += c;
    }
  }
  throw invalidPattern(pattern, 'a quoted string is not closed');
}
