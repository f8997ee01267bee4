import { AwsError } from '../../runtime/aws-error.ts';

/**
 * CloudWatch errors by their wire names (what `__type` carries and the SDK's exception classes are
 * called). https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html
 */
export const cloudwatchErrors = {
  invalidParameterValue: (message: string) => new AwsError('InvalidParameterValue', message, 400),
  /** What PutMetricAlarm's definition checks answer (a provider reports it as the failed property). */
  validationError: (message: string) => new AwsError('ValidationError', message, 400),
  alarmNotFound: (alarmName: string) =>
    new AwsError('ResourceNotFound', `Alarm ${alarmName} does not exist`, 404),
  notATimestamp: (field: string) =>
    new AwsError('InvalidParameterValue', `${field} must be a timestamp`, 400),
  metricMathUnsupported: (queryId: string) =>
    new AwsError(
      'InvalidParameterValue',
      `Query ${queryId}: metric math expressions are not supported by the local cloud; use MetricStat`,
      400,
    ),
};
