/**
 * CloudWatch alarm evaluation as a pure function: M out of N datapoints, the four comparison
 * operators and the four TreatMissingData modes.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html
 */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type ComparisonOperator =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';
export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

export interface AlarmRule {
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
}

/** One evaluated period, oldest first; `value` undefined when the metric had no datapoint. */
export interface PeriodValue {
  readonly start: number;
  readonly value: number | undefined;
}

export interface Evaluation {
  readonly state: AlarmState;
  readonly reason: string;
}

export const COMPARISON_OPERATORS: Record<
  ComparisonOperator,
  { test: (v: number, t: number) => boolean; words: string }
> = {
  GreaterThanThreshold: { test: (v, t) => v > t, words: 'greater than' },
  GreaterThanOrEqualToThreshold: { test: (v, t) => v >= t, words: 'greater than or equal to' },
  LessThanThreshold: { test: (v, t) => v < t, words: 'less than' },
  LessThanOrEqualToThreshold: { test: (v, t) => v <= t, words: 'less than or equal to' },
};

export function evaluateAlarm(
  rule: AlarmRule,
  periods: readonly PeriodValue[],
  current: AlarmState,
): Evaluation {
  const operator = COMPARISON_OPERATORS[rule.comparisonOperator];
  const present = periods.filter((p): p is PeriodValue & { value: number } => p.value !== undefined);
  const missing = periods.length - present.length;
  if (present.length === 0 && rule.treatMissingData === 'missing') {
    return {
      state: 'INSUFFICIENT_DATA',
      reason: `Insufficient Data: ${periods.length} datapoints were unknown.`,
    };
  }
  if (present.length === 0 && rule.treatMissingData === 'ignore') {
    return { state: current, reason: 'No datapoints: the alarm keeps its state (TreatMissingData ignore).' };
  }
  const breachingPresent = present.filter((p) => operator.test(p.value, rule.threshold)).length;
  const breaching = breachingPresent + (rule.treatMissingData === 'breaching' ? missing : 0);
  const state: AlarmState = breaching >= rule.datapointsToAlarm ? 'ALARM' : 'OK';
  const shown = present
    .slice()
    .reverse()
    .map((p) => `${p.value.toFixed(1)} (${formatTime(p.start)})`)
    .join(', ');
  const verdict = state === 'ALARM' ? 'were' : 'were not';
  const reason =
    `Threshold Crossed: ${breaching} out of the last ${periods.length} datapoints` +
    `${shown ? ` [${shown}]` : ''} ${verdict} ${operator.words} the threshold (${rule.threshold.toFixed(1)}) ` +
    `(minimum ${rule.datapointsToAlarm} datapoint${rule.datapointsToAlarm === 1 ? '' : 's'} for OK -> ALARM transition).`;
  return { state, reason };
}

/** AWS prints datapoint times as dd/MM/yy HH:mm:ss. */
function formatTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}
