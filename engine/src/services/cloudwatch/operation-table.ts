/**
 * CloudWatch on the AWS endpoint: the current SDK speaks awsJson1_0
 * (`GraniteServiceVersion20100801.<Operation>`), timestamps as epoch seconds. Alarms are written
 * only by CloudFormation (the stack's providers); the endpoint reads them and sets their state.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Operations.html
 */
import type { JsonServiceEntry } from '../../protocol/service-entry.ts';
import { describeAlarmHistory } from './operations/describe-alarm-history.ts';
import { describeAlarms } from './operations/describe-alarms.ts';
import { getMetricData } from './operations/get-metric-data.ts';
import { getMetricStatistics } from './operations/get-metric-statistics.ts';
import { listMetrics } from './operations/list-metrics.ts';
import { putMetricData } from './operations/put-metric-data.ts';
import { setAlarmState } from './operations/set-alarm-state.ts';
import type { CloudWatchService } from './service.ts';

export function cloudwatchServiceEntry(cloudwatch: CloudWatchService): JsonServiceEntry {
  return {
    kind: 'json',
    iamPrefix: 'cloudwatch',
    validationCode: 'InvalidParameterValue',
    protocol: {
      version: '1.0',
      targetPrefixes: ['GraniteServiceVersion20100801'],
      errorNamespace: 'com.amazonaws.cloudwatch',
    },
    operations: {
      PutMetricData: putMetricData(cloudwatch),
      GetMetricStatistics: getMetricStatistics(cloudwatch),
      GetMetricData: getMetricData(cloudwatch),
      ListMetrics: listMetrics(cloudwatch),
      DescribeAlarms: describeAlarms(cloudwatch),
      DescribeAlarmHistory: describeAlarmHistory(cloudwatch),
      SetAlarmState: setAlarmState(cloudwatch),
    },
  };
}
