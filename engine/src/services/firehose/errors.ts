import { firstProblem } from '../../protocol/validation.ts';
import { AwsError } from '../../runtime/aws-error.ts';

/** Firehose error codes. https://docs.aws.amazon.com/firehose/latest/APIReference/CommonErrors.html */
export const firehoseErrors = {
  invalidArgument: (message: string) => new AwsError('InvalidArgumentException', message, 400),
  notFound: (name: string) =>
    new AwsError('ResourceNotFoundException', `Firehose stream ${name} not found.`, 400),
  inUse: (name: string) =>
    new AwsError('ResourceInUseException', `Firehose stream ${name} already exists.`, 400),
  invalidSource: () =>
    new AwsError(
      'InvalidSourceException',
      'Only requests from CloudWatch Logs are supported when CloudWatch Logs decompression is enabled.',
      400,
    ),
} as const;

/** How Firehose answers invalid request members: the first problem, as InvalidArgumentException. */
export const firehoseValidation = firstProblem({
  invalid: 'InvalidArgumentException',
  missing: 'InvalidArgumentException',
  mapName: 'object',
});
