import { AwsError } from '../../runtime/aws-error.ts';

/**
 * EventBridge errors by their wire names (what `__type` carries and the SDK's exception classes
 * are called). https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html
 */
export const eventsErrors = {
  validation: (message: string) => new AwsError('ValidationException', message, 400),
  ruleNotFound: (name: string) =>
    new AwsError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus default.`, 400),
  busNotFound: (busName: string) =>
    new AwsError(
      'ResourceNotFoundException',
      `Event bus ${busName} does not exist (only the default bus is emulated locally).`,
      400,
    ),
  invalidEventPattern: (reason: string) =>
    new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`, 400),
};
