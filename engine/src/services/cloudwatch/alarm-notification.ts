import type { AccountContext } from '../../runtime/account.ts';
import type { AlarmState } from './alarm-evaluation.ts';
import type { Alarm } from './model.ts';

/**
 * The JSON CloudWatch publishes to SNS for an alarm state change.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 */
export function alarmNotification(account: AccountContext, alarm: Alarm, previous: AlarmState) {
  return {
    AlarmName: alarm.alarmName,
    AlarmDescription: alarm.alarmDescription ?? null,
    AWSAccountId: account.accountId,
    AlarmConfigurationUpdatedTimestamp: new Date(alarm.stateUpdatedTimestamp).toISOString(),
    NewStateValue: alarm.stateValue,
    NewStateReason: alarm.stateReason,
    StateChangeTime: new Date(alarm.stateUpdatedTimestamp).toISOString(),
    Region: account.region,
    AlarmArn: alarm.alarmArn,
    OldStateValue: previous,
    Trigger: {
      MetricName: alarm.metricName,
      Namespace: alarm.namespace,
      StatisticType: 'Statistic',
      Statistic: alarm.statistic.toUpperCase(),
      Unit: null,
      Dimensions: Object.entries(alarm.dimensions).map(([name, value]) => ({ name, value })),
      Period: alarm.period,
      EvaluationPeriods: alarm.evaluationPeriods,
      DatapointsToAlarm: alarm.datapointsToAlarm ?? alarm.evaluationPeriods,
      ComparisonOperator: alarm.comparisonOperator,
      Threshold: alarm.threshold,
      TreatMissingData: alarm.treatMissingData ?? 'missing',
    },
  };
}
