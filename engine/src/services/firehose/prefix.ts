import { randomBytes } from 'node:crypto';
import { firehoseErrors } from './errors.ts';

/**
 * S3 prefix expressions: `!{timestamp:<Java DateTimeFormatter pattern>}`, `!{firehose:random-string}`
 * and `!{firehose:error-output-type}` (error prefix only). Timestamps are UTC (no CustomTimeZone).
 * https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html
 */
export interface PrefixValues {
  /** The approximate arrival time of the oldest record in the object (ms). */
  readonly timestamp: number;
  /** `processing-failed`, `decompression-failed`…; only the error prefix may use it. */
  readonly errorOutputType?: string;
  /** Injected for tests; 11 random alphanumeric characters by default. */
  readonly randomString?: () => string;
}

const EXPRESSION = /!\{([^:}]*):([^}]*)\}/g;
const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export const randomString = (): string =>
  [...randomBytes(11)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');

/** Throws InvalidArgumentException for expressions this emulator cannot evaluate. */
export function checkPrefix(template: string, allowErrorOutputType: boolean): void {
  for (const [, namespace, value] of template.matchAll(EXPRESSION)) {
    if (namespace === 'timestamp') formatTimestamp(0, value ?? '');
    else if (namespace === 'firehose' && value === 'random-string') continue;
    else if (namespace === 'firehose' && value === 'error-output-type') {
      if (!allowErrorOutputType) {
        throw firehoseErrors.invalidArgument(
          'The !{firehose:error-output-type} expression is only allowed in ErrorOutputPrefix.',
        );
      }
    } else if (namespace === 'partitionKeyFromQuery' || namespace === 'partitionKeyFromLambda') {
      throw firehoseErrors.invalidArgument(`Dynamic partitioning (!{${namespace}:…}) is not emulated.`);
    } else throw firehoseErrors.invalidArgument(`Unknown prefix expression !{${namespace}:${value}}.`);
  }
}

export const hasExpressions = (template: string): boolean => /!\{[^}]*\}/.test(template);

export function expandPrefix(template: string, values: PrefixValues): string {
  return template.replace(EXPRESSION, (_whole, namespace: string, value: string) => {
    if (namespace === 'timestamp') return formatTimestamp(values.timestamp, value);
    if (value === 'random-string') return (values.randomString ?? randomString)();
    return values.errorOutputType ?? '';
  });
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** The DateTimeFormatter letters Firehose prefixes use; anything else is refused, not guessed. */
const FIELDS: Readonly<Record<string, (d: Date) => string>> = {
  yyyy: (d) => pad(d.getUTCFullYear(), 4),
  uuuu: (d) => pad(d.getUTCFullYear(), 4),
  // Firehose's own default prefix is written YYYY (week-based year in Java); it means the year here.
  YYYY: (d) => pad(d.getUTCFullYear(), 4),
  yy: (d) => pad(d.getUTCFullYear() % 100, 2),
  MM: (d) => pad(d.getUTCMonth() + 1, 2),
  dd: (d) => pad(d.getUTCDate(), 2),
  HH: (d) => pad(d.getUTCHours(), 2),
  mm: (d) => pad(d.getUTCMinutes(), 2),
  ss: (d) => pad(d.getUTCSeconds(), 2),
};

export function formatTimestamp(ms: number, pattern: string): string {
  const date = new Date(ms);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i] as string;
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0)
        throw firehoseErrors.invalidArgument(`Unterminated quote in timestamp pattern '${pattern}'.`);
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(char)) {
      let run = char;
      while (pattern[i + run.length] === char) run += char;
      const field = FIELDS[run];
      if (!field)
        throw firehoseErrors.invalidArgument(
          `Timestamp pattern letter run '${run}' in '${pattern}' is not supported.`,
        );
      out += field(date);
      i += run.length;
      continue;
    }
    out += char;
    i++;
  }
  return out;
}
