import { AwsError } from '../../runtime/aws-error.ts';

/**
 * The Lambda API's error codes and statuses, one constructor each.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors
 */
export const notFound = (message: string): AwsError =>
  new AwsError('ResourceNotFoundException', message, 404);
export const conflict = (message: string): AwsError =>
  new AwsError('ResourceConflictException', message, 409);
export const invalidParameter = (message: string): AwsError =>
  new AwsError('InvalidParameterValueException', message, 400);
export const invalidRequestContent = (message: string): AwsError =>
  new AwsError('InvalidRequestContentException', message, 400);
export const tooLarge = (message: string): AwsError =>
  new AwsError('RequestEntityTooLargeException', message, 413);
export const throttled = (reason: string): AwsError =>
  Object.assign(new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429), { reason });
export const accessDenied = (message: string): AwsError =>
  new AwsError('AccessDeniedException', message, 403);
export const serviceError = (message: string): AwsError =>
  new AwsError('ServiceException', message, 500, false);
export const preconditionFailed = (message: string): AwsError =>
  new AwsError('PreconditionFailedException', message, 412);
