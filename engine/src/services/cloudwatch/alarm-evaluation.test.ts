import { describe, expect, it } from 'vitest';
import { type AlarmRule, type AlarmState, evaluateAlarm, type TreatMissingData } from './alarm-evaluation.ts';

const rule = (
  treatMissingData: TreatMissingData,
  datapointsToAlarm = 2,
  evaluationPeriods = 2,
): AlarmRule => ({
  threshold: 10,
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods,
  datapointsToAlarm,
  treatMissingData,
});
const periods = (...values: (number | undefined)[]) =>
  values.map((value, i) => ({ start: i * 300_000, value }));

describe('evaluateAlarm', () => {
  it.each<[string, AlarmRule, (number | undefined)[], AlarmState, AlarmState]>([
    ['both periods above threshold', rule('notBreaching'), [11, 12], 'OK', 'ALARM'],
    ['one period above threshold of 2-of-2', rule('notBreaching'), [11, 3], 'OK', 'OK'],
    ['exactly the threshold is not greater', rule('notBreaching'), [10, 10], 'OK', 'OK'],
    ['quiet periods, notBreaching', rule('notBreaching'), [undefined, undefined], 'ALARM', 'OK'],
    ['quiet periods, missing', rule('missing'), [undefined, undefined], 'OK', 'INSUFFICIENT_DATA'],
    ['quiet periods, breaching', rule('breaching'), [undefined, undefined], 'OK', 'ALARM'],
    ['quiet periods, ignore keeps ALARM', rule('ignore'), [undefined, undefined], 'ALARM', 'ALARM'],
    ['quiet periods, ignore keeps OK', rule('ignore'), [undefined, undefined], 'OK', 'OK'],
    ['one missing counted as breaching', rule('breaching'), [11, undefined], 'OK', 'ALARM'],
    ['one missing, notBreaching', rule('notBreaching'), [11, undefined], 'OK', 'OK'],
    ['2 of 3 with one low', rule('notBreaching', 2, 3), [11, 1, 12], 'OK', 'ALARM'],
    ['1 of 3 with two low', rule('notBreaching', 2, 3), [11, 1, 2], 'ALARM', 'OK'],
  ])('%s', (_name, alarmRule, values, current, expected) => {
    expect(evaluateAlarm(alarmRule, periods(...values), current).state).toBe(expected);
  });

  it('explains the transition the way CloudWatch does', () => {
    const { reason } = evaluateAlarm(rule('notBreaching'), periods(11, 12), 'OK');
    expect(reason).toBe(
      'Threshold Crossed: 2 out of the last 2 datapoints [12.0 (01/01/70 00:05:00), 11.0 (01/01/70 00:00:00)] were greater than the threshold (10.0) (minimum 2 datapoints for OK -> ALARM transition).',
    );
  });

  it.each<[string, AlarmRule['comparisonOperator'], number, boolean]>([
    ['>=', 'GreaterThanOrEqualToThreshold', 10, true],
    ['<', 'LessThanThreshold', 9, true],
    ['<', 'LessThanThreshold', 10, false],
    ['<=', 'LessThanOrEqualToThreshold', 10, true],
  ])('operator %s with value %d', (_label, comparisonOperator, value, alarms) => {
    const result = evaluateAlarm({ ...rule('notBreaching', 1, 1), comparisonOperator }, periods(value), 'OK');
    expect(result.state).toBe(alarms ? 'ALARM' : 'OK');
  });
});
