/**
 * EventBridge schedule expressions, parsed and stepped as pure functions of time.
 * - `rate(value unit)`: unit minute|minutes|hour|hours|day|days, singular only when value is 1;
 *   the first trigger is one period after the rule's creation (anchor).
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html
 * - `cron(min hour day-of-month month day-of-week year)`, UTC, one of day-of-month/day-of-week must be `?`.
 *   Supported: `*`, `?`, lists `,`, ranges `-`, steps `/`, month and weekday names; `L`, `W`, `#` are
 *   refused with a clear error rather than guessed.
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 */
import type { AwsError } from '../../runtime/aws-error.ts';
import { eventsErrors } from './errors.ts';

export type Schedule =
  | { readonly kind: 'rate'; readonly periodMs: number }
  | { readonly kind: 'cron'; readonly fields: CronFields };

export interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number> | 'any';
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number> | 'any';
  readonly years: ReadonlySet<number> | 'any';
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function parseScheduleExpression(expression: string): Schedule {
  const rate = expression.match(/^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2] as string;
    const singular = !unit.endsWith('s');
    if (value <= 0) throw invalid(expression, 'the rate value must be a positive whole number');
    if (singular !== (value === 1)) {
      throw invalid(expression, `use "${singular ? `${unit}s` : unit.slice(0, -1)}" with the value ${value}`);
    }
    return { kind: 'rate', periodMs: value * (UNIT_MS[singular ? unit : unit.slice(0, -1)] ?? 0) };
  }
  const cron = expression.match(/^cron\((.+)\)$/);
  if (cron) return { kind: 'cron', fields: parseCron(expression, (cron[1] as string).trim().split(/\s+/)) };
  throw invalid(
    expression,
    'expected rate(value unit) or cron(minutes hours day-of-month month day-of-week year)',
  );
}

/** The first fire time strictly after `after`; `anchor` is the rule's creation time for rate(). */
export function nextFireTime(schedule: Schedule, after: number, anchor: number): number {
  if (schedule.kind === 'rate') {
    const periods = Math.floor((after - anchor) / schedule.periodMs) + 1;
    return anchor + Math.max(1, periods) * schedule.periodMs;
  }
  return nextCronTime(schedule.fields, after);
}

function nextCronTime(fields: CronFields, after: number): number {
  const start = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  // Step minute by minute within matching days; bounded to 5 years so an impossible cron ends.
  const limit = start.getTime() + 5 * 366 * 86_400_000;
  const t = new Date(start);
  while (t.getTime() <= limit) {
    if (!dayMatches(fields, t)) {
      t.setUTCHours(0, 0, 0, 0);
      t.setUTCDate(t.getUTCDate() + 1);
      continue;
    }
    if (fields.hours.has(t.getUTCHours()) && fields.minutes.has(t.getUTCMinutes())) return t.getTime();
    t.setUTCMinutes(t.getUTCMinutes() + 1);
  }
  throw eventsErrors.validation('The cron expression never fires in the next five years');
}

function dayMatches(fields: CronFields, t: Date): boolean {
  const year = fields.years === 'any' || fields.years.has(t.getUTCFullYear());
  const month = fields.months.has(t.getUTCMonth() + 1);
  const dom = fields.daysOfMonth === 'any' || fields.daysOfMonth.has(t.getUTCDate());
  const dow = fields.daysOfWeek === 'any' || fields.daysOfWeek.has(t.getUTCDay() + 1);
  return year && month && dom && dow;
}

function parseCron(expression: string, parts: string[]): CronFields {
  if (parts.length !== 6) throw invalid(expression, `cron needs 6 fields, got ${parts.length}`);
  const [minutes, hours, dom, month, dow, year] = parts as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) {
    throw invalid(expression, 'exactly one of day-of-month and day-of-week must be "?"');
  }
  return {
    minutes: parseField(expression, minutes, 0, 59),
    hours: parseField(expression, hours, 0, 23),
    daysOfMonth: dom === '?' ? 'any' : parseField(expression, dom, 1, 31),
    months: parseField(expression, month, 1, 12, MONTHS),
    daysOfWeek: dow === '?' ? 'any' : parseField(expression, dow, 1, 7, WEEKDAYS),
    years: year === '*' ? 'any' : parseField(expression, year, 1970, 2199),
  };
}

function parseField(
  expression: string,
  field: string,
  min: number,
  max: number,
  names?: string[],
): Set<number> {
  if (/[LW#]/.test(field))
    throw invalid(expression, `"${field}": L, W and # are not supported by the local cloud`);
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step <= 0) throw invalid(expression, `"${item}" has an invalid step`);
    let low: number;
    let high: number;
    if (range === '*') [low, high] = [min, max];
    else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [low, high] = [toNumber(expression, a, names), toNumber(expression, b, names)];
    } else {
      low = toNumber(expression, range, names);
      high = stepText === undefined ? low : max;
    }
    if (low < min || high > max || low > high)
      throw invalid(expression, `"${item}" is outside ${min}-${max}`);
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}

function toNumber(expression: string, text: string, names?: string[]): number {
  const named = names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + 1;
  const value = Number(text);
  if (text === '' || !Number.isInteger(value)) throw invalid(expression, `"${text}" is not a number`);
  return value;
}

const invalid = (expression: string, why: string): AwsError =>
  eventsErrors.validation(`Parameter ScheduleExpression is not valid: ${JSON.stringify(expression)}: ${why}`);
