import { AwsError } from '../../runtime/aws-error.ts';

/**
 * IAM's errors (query protocol codes). https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
 * and the Errors section of each operation, e.g. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
export const iamErrors = {
  noSuchEntity: (message: string) => new AwsError('NoSuchEntity', message, 404),
  entityAlreadyExists: (message: string) => new AwsError('EntityAlreadyExists', message, 409),
  deleteConflict: (message: string) => new AwsError('DeleteConflict', message, 409),
  malformedPolicyDocument: (message: string) => new AwsError('MalformedPolicyDocument', message, 400),
  invalidInput: (message: string) => new AwsError('ValidationError', message, 400),
  accessDenied: (message: string) => new AwsError('AccessDenied', message, 403),
} as const;
