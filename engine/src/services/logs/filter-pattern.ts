/**
 * CloudWatch Logs filter patterns, the one matcher behind FilterLogEvents, subscription filters,
 * `tapstack logs --filter`, `tapstack status` and the console. The grammar, from AWS's "Filter
 * pattern syntax for metric filters, subscription filters, filter log events, and Live Tail"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html):
 * - empty pattern (or `""`): every event;
 * - terms (filter-pattern/term-pattern.ts): `ERROR ARGUMENTS` (all), `"exact phrase"`,
 *   `-term` (excluded), `?ERROR ?"Task timed out"` (any of), case-sensitive;
 * - `%regex%` on its own: the regular expression found anywhere in the message;
 * - JSON (filter-pattern/json-pattern.ts): `{ $.a.b[0] = "x*" && ($.n > 5 || $.c IS TRUE) }`,
 *   `=`, `!=`, `<`, `<=`, `>`, `>=`, `IS TRUE|FALSE|NULL`, `NOT EXISTS`, `*` wildcards, `%regex%`;
 * - space-delimited (filter-pattern/space-delimited.ts): `[ip, user, ..., status = 4*, bytes > 1000]`.
 * A pattern this grammar cannot read is refused with InvalidParameterException, never matched loosely.
 */
import { compileJsonPattern } from './filter-pattern/json-pattern.ts';
import { compileSpaceDelimitedPattern } from './filter-pattern/space-delimited.ts';
import { compileTermPattern } from './filter-pattern/term-pattern.ts';

/** Whether one log event's message matches a compiled filter pattern. */
export type LogMatcher = (message: string) => boolean;

/** Compiles a filter pattern once (throws InvalidParameterException naming the problem). */
export function compileFilterPattern(pattern: string | undefined): LogMatcher {
  const source = pattern ?? '';
  const text = source.trim();
  if (text === '' || text === '""') return () => true;
  if (text.startsWith('{')) return compileJsonPattern(text, source);
  if (text.startsWith('[')) return compileSpaceDelimitedPattern(text, source);
  return compileTermPattern(text, source);
}

/** One-off test of a message against a pattern (compile once with compileFilterPattern for many). */
export const matchesFilterPattern = (pattern: string | undefined, message: string): boolean =>
  compileFilterPattern(pattern)(message);
