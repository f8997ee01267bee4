import type { Alarm } from '../model.ts';
import { seconds } from './fields.ts';

/** An alarm as DescribeAlarms' MetricAlarms list carries it. */
export function alarmView(alarm: Alarm) {
  return {
    AlarmName: alarm.alarmName,
    AlarmArn: alarm.alarmArn,
    AlarmDescription: alarm.alarmDescription,
    ActionsEnabled: alarm.actionsEnabled ?? true,
    AlarmActions: alarm.alarmActions ?? [],
    OKActions: alarm.okActions ?? [],
    InsufficientDataActions: alarm.insufficientDataActions ?? [],
    StateValue: alarm.stateValue,
    StateReason: alarm.stateReason,
    StateUpdatedTimestamp: seconds(alarm.stateUpdatedTimestamp),
    MetricName: alarm.metricName,
    Namespace: alarm.namespace,
    Statistic: alarm.statistic,
    Dimensions: Object.entries(alarm.dimensions).map(([Name, Value]) => ({ Name, Value })),
    Period: alarm.period,
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparisonOperator,
    TreatMissingData: alarm.treatMissingData ?? 'missing',
  };
}
