import { AwsError } from '../../runtime/aws-error.ts';
import { VALID_RETENTION_DAYS } from './retention.ts';

/**
 * CloudWatch Logs errors by their wire names (what `__type` carries and the SDK's exception classes
 * are called). https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/CommonErrors.html
 */
export const logsErrors = {
  invalidParameter: (message: string) => new AwsError('InvalidParameterException', message, 400),
  invalidGroupName: (name: string) =>
    new AwsError(
      'InvalidParameterException',
      `Invalid log group name ${JSON.stringify(name)}: 1-512 characters of [.-_/#A-Za-z0-9]`,
      400,
    ),
  invalidStreamName: (name: string) =>
    new AwsError(
      'InvalidParameterException',
      `Log stream name ${JSON.stringify(name)} must be 1-512 characters without ':' or '*'`,
      400,
    ),
  invalidRetention: (days: number) =>
    new AwsError(
      'InvalidParameterException',
      `Invalid RetentionInDays ${days}: must be one of ${VALID_RETENTION_DAYS.join(', ')}`,
      400,
    ),
  groupExists: (name: string) =>
    new AwsError('ResourceAlreadyExistsException', `The specified log group already exists: ${name}`, 400),
  streamExists: () =>
    new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists', 400),
  groupNotFound: (name: string) =>
    new AwsError('ResourceNotFoundException', `The specified log group does not exist: ${name}`, 400),
  streamNotFound: () =>
    new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.', 400),
  subscriptionFilterNotFound: (name: string) =>
    new AwsError(
      'ResourceNotFoundException',
      `The specified subscription filter does not exist: ${name}`,
      400,
    ),
  resourceNotFound: (arn: string) =>
    new AwsError(
      'ResourceNotFoundException',
      `The specified resource does not exist: ${arn} (only log group ARNs are emulated)`,
      400,
    ),
  limitExceeded: (message: string) => new AwsError('LimitExceededException', message, 400),
};
