/**
 * A subset of CloudWatch Logs filter pattern syntax, enough for `tapstack logs --filter`,
 * FilterLogEvents and subscription filters:
 * - empty pattern: every event;
 * - terms: `ERROR timeout` (all terms, case-sensitive), `"exact phrase"`, `-term` excludes, `?a ?b` any of;
 * - JSON: `{ $.status = 500 }`, `{ $.level = "ERROR" }`, `!=`, `<`, `>`, `<=`, `>=`, `&&`, `||`, `*` wildcard in strings.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 * Anything else is rejected with InvalidParameterException rather than matched loosely.
 */
import { AwsError } from '../../runtime/aws-error.ts';

export type LogMatcher = (message: string) => boolean;

export function compileFilterPattern(pattern: string | undefined): LogMatcher {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) return compileJsonPattern(text);
  return compileTermPattern(text);
}

function compileTermPattern(text: string): LogMatcher {
  const tokens = text.match(/-?"[^"]*"|\S+/g) ?? [];
  const required: string[] = [];
  const excluded: string[] = [];
  const anyOf: string[] = [];
  for (const token of tokens) {
    if (token.startsWith('?')) anyOf.push(unquote(token.slice(1)));
    else if (token.startsWith('-')) excluded.push(unquote(token.slice(1)));
    else required.push(unquote(token));
  }
  return (message) =>
    required.every((term) => message.includes(term)) &&
    !excluded.some((term) => message.includes(term)) &&
    (anyOf.length === 0 || anyOf.some((term) => message.includes(term)));
}

const unquote = (token: string): string =>
  token.startsWith('"') && token.endsWith('"') && token.length >= 2 ? token.slice(1, -1) : token;

type Comparison = { path: string[]; operator: string; value: string | number };

function compileJsonPattern(text: string): LogMatcher {
  if (!text.endsWith('}')) throw invalid(text, 'a JSON pattern must end with }');
  const body = text.slice(1, -1).trim();
  const disjunction = body
    .split('||')
    .map((part) => part.split('&&').map((clause) => parseClause(clause, text)));
  return (message) => {
    let document: unknown;
    try {
      document = JSON.parse(message);
    } catch {
      return false;
    }
    return disjunction.some((conjunction) => conjunction.every((clause) => evaluate(clause, document)));
  };
}

function parseClause(clause: string, pattern: string): Comparison {
  const match = clause.trim().match(/^\(?\s*\$((?:\.[A-Za-z0-9_-]+)+)\s*(=|!=|<=|>=|<|>)\s*(.+?)\s*\)?$/);
  if (!match) throw invalid(pattern, `cannot read the clause "${clause.trim()}"`);
  const [, path = '', operator = '=', rawValue = ''] = match;
  const value = rawValue.startsWith('"') ? rawValue.slice(1, -1) : Number(rawValue);
  if (typeof value === 'number' && Number.isNaN(value)) {
    throw invalid(pattern, `"${rawValue}" is neither a number nor a quoted string`);
  }
  return { path: path.slice(1).split('.'), operator, value };
}

function evaluate(clause: Comparison, document: unknown): boolean {
  let current: unknown = document;
  for (const key of clause.path) {
    if (current === null || typeof current !== 'object') return false;
    current = (current as Record<string, unknown>)[key];
  }
  if (current === undefined) return false;
  if (typeof clause.value === 'string') {
    const expected = new RegExp(`^${clause.value.split('*').map(escapeRegExp).join('.*')}$`);
    const matches = expected.test(String(current));
    if (clause.operator === '=') return matches;
    if (clause.operator === '!=') return !matches;
    return false;
  }
  const actual = Number(current);
  if (Number.isNaN(actual)) return false;
  switch (clause.operator) {
    case '=':
      return actual === clause.value;
    case '!=':
      return actual !== clause.value;
    case '<':
      return actual < clause.value;
    case '>':
      return actual > clause.value;
    case '<=':
      return actual <= clause.value;
    case '>=':
      return actual >= clause.value;
    default:
      return false;
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const invalid = (pattern: string, why: string): AwsError =>
  new AwsError('InvalidParameterException', `Invalid filter pattern ${JSON.stringify(pattern)}: ${why}`);
