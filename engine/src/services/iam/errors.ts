import { AwsError } from '../../runtime/aws-error.ts';

/**
 * IAM's errors (query protocol codes). https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
 * and the Errors section of each operation, e.g. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
export const noSuchEntity = (message: string): AwsError => new AwsError('NoSuchEntity', message, 404);
export const entityAlreadyExists = (message: string): AwsError =>
  new AwsError('EntityAlreadyExists', message, 409);
export const deleteConflict = (message: string): AwsError => new AwsError('DeleteConflict', message, 409);
export const malformedPolicyDocument = (message: string): AwsError =>
  new AwsError('MalformedPolicyDocument', message, 400);
export const invalidInput = (message: string): AwsError => new AwsError('ValidationError', message, 400);
export const accessDenied = (message: string): AwsError => new AwsError('AccessDenied', message, 403);
