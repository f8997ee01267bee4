import { AwsError } from '../../runtime/aws-error.ts';

/**
 * The Lambda API's error codes and statuses, one constructor each.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors
 */
export const lambdaErrors = {
  notFound: (message: string) => new AwsError('ResourceNotFoundException', message, 404),
  conflict: (message: string) => new AwsError('ResourceConflictException', message, 409),
  invalidParameter: (message: string) => new AwsError('InvalidParameterValueException', message, 400),
  invalidRequestContent: (message: string) => new AwsError('InvalidRequestContentException', message, 400),
  tooLarge: (message: string) => new AwsError('RequestEntityTooLargeException', message, 413),
  throttled: (reason: string) =>
    Object.assign(new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429), { reason }),
  accessDenied: (message: string) => new AwsError('AccessDeniedException', message, 403),
  serviceError: (message: string) => new AwsError('ServiceException', message, 500, false),
  preconditionFailed: (message: string) => new AwsError('PreconditionFailedException', message, 412),
} as const;
