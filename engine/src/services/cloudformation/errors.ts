/** CloudFormation's errors, spelled as the API spells them. */
import { AwsError } from '../../runtime/aws-error.ts';

/** AWS's exact text for DescribeStacks and friends on an unknown (or deleted, by name) stack. */
export const stackNotFound = (nameOrId: string): AwsError =>
  new AwsError('ValidationError', `Stack with id ${nameOrId} does not exist`, 400);

export const validationError = (message: string): AwsError => new AwsError('ValidationError', message, 400);
