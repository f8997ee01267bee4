/**
 * Space-delimited patterns: `[ip, user, ..., status_code = 4* || status_code = 5*, bytes > 1000]`.
 * The event is split at spaces, a field in double quotes or square brackets counting as one (its
 * quotes or brackets are not part of the value); each name takes the field at its position and
 * `...` stands for any number of fields (one `...` per pattern). Without `...` the event must
 * have exactly as many fields as the pattern names. Conditions may name any field of the pattern.
 */
import { type Condition, evaluate, parseCondition } from './conditions.ts';
import { invalidPattern } from './invalid.ts';
import { lex, readQuoted } from './lexer.ts';

type Entry = { name: string } | { ellipsis: true };

export function compileSpaceDelimitedPattern(text: string, pattern: string): (message: string) => boolean {
  if (!text.endsWith(']')) throw invalidPattern(pattern, 'a space-delimited pattern must end with ]');
  const entries: Entry[] = [];
  const conditions: Condition<string>[] = [];
  for (const part of splitEntries(text.slice(1, -1), pattern)) {
    const tokens = lex(part, pattern);
    const first = tokens[0];
    if (first?.kind !== 'word')
      throw invalidPattern(pattern, `each field needs a name, found "${part.trim()}"`);
    if (first.text === '...') {
      if (tokens.length > 1) throw invalidPattern(pattern, '"..." cannot carry a condition');
      entries.push({ ellipsis: true });
      continue;
    }
    entries.push({ name: first.text });
    if (tokens.length > 1) conditions.push(parseCondition(tokens, readFieldName, pattern));
  }
  if (entries.filter((entry) => 'ellipsis' in entry).length > 1) {
    throw invalidPattern(pattern, 'only one "..." is supported in a space-delimited pattern');
  }
  const names = new Set(entries.flatMap((entry) => ('name' in entry ? [entry.name] : [])));
  for (const name of conditions.flatMap(namesIn)) {
    if (!names.has(name))
      throw invalidPattern(pattern, `the condition names "${name}", which is not a field of the pattern`);
  }
  return (message) => {
    const fields = assign(entries, splitFields(message));
    return (
      fields !== undefined && conditions.every((condition) => evaluate(condition, (name) => fields.get(name)))
    );
  };
}

const readFieldName = (cursor: { next(): ReturnType<typeof lex>[number] | undefined }, pattern: string) => {
  const token = cursor.next();
  if (token?.kind !== 'word') throw invalidPattern(pattern, 'a condition must start with a field name');
  return { left: token.text };
};

function namesIn(condition: Condition<string>): string[] {
  if ('parts' in condition) return condition.parts.flatMap(namesIn);
  return [condition.left];
}

/** Splits at top-level commas (commas inside quotes or %regex% belong to the value). */
function splitEntries(body: string, pattern: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (c === '"') i = readQuoted(body, i, pattern).end - 1;
    else if (c === '%') i = Math.max(i, body.indexOf('%', i + 1));
    else if (c === ',') {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  if (parts.some((part) => part.trim() === ''))
    throw invalidPattern(pattern, 'an empty field between commas');
  return parts;
}

export function splitFields(message: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < message.length) {
    const c = message[i] as string;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const close = c === '"' ? '"' : c === '[' ? ']' : undefined;
    const end = close ? message.indexOf(close, i + 1) : -1;
    if (close && end > 0) {
      fields.push(message.slice(i + 1, end));
      i = end + 1;
    } else {
      let stop = i;
      while (stop < message.length && !/\s/.test(message[stop] as string)) stop += 1;
      fields.push(message.slice(i, stop));
      i = stop;
    }
  }
  return fields;
}

function assign(entries: Entry[], fields: string[]): Map<string, string> | undefined {
  const at = entries.findIndex((entry) => 'ellipsis' in entry);
  const named = at < 0 ? entries.length : entries.length - 1;
  if (at < 0 ? fields.length !== named : fields.length < named) return undefined;
  const values = new Map<string, string>();
  entries.forEach((entry, index) => {
    if (!('name' in entry)) return;
    const position = at >= 0 && index > at ? fields.length - (entries.length - index) : index;
    values.set(entry.name, fields[position] as string);
  });
  return values;
}
