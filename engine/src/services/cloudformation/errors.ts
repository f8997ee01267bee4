/** CloudFormation's errors, spelled as the API spells them. */
import { AwsError } from '../../runtime/aws-error.ts';

/** AWS's exact text for DescribeStacks and friends on an unknown (or deleted, by name) stack. */
export const stackNotFound = (nameOrId: string): AwsError =>
  new AwsError('ValidationError', `Stack with id ${nameOrId} does not exist`, 400);

export const validationError = (message: string): AwsError => new AwsError('ValidationError', message, 400);

export const alreadyExists = (what: string): AwsError =>
  new AwsError('AlreadyExistsException', `${what} already exists`, 400);

/** The text the AWS CLI's `deploy` looks for: "Requires capabilities : [CAPABILITY_IAM]". */
export const insufficientCapabilities = (needed: string): AwsError =>
  new AwsError('InsufficientCapabilitiesException', `Requires capabilities : [${needed}]`, 400);

export const changeSetNotFound = (name: string): AwsError =>
  new AwsError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);

export const invalidChangeSetStatus = (message: string): AwsError =>
  new AwsError('InvalidChangeSetStatus', message, 400);

/** UpdateStack and UpdateStack-type change sets while another operation runs. */
export const notUpdatable = (stackId: string, status: string): AwsError =>
  validationError(`Stack:${stackId} is in ${status} state and can not be updated.`);

/** The text `aws cloudformation deploy` and scripts match on for an UpdateStack without changes. */
export const NO_UPDATES = 'No updates are to be performed.';

/** The reason of a FAILED change set without changes; the AWS CLI prints "No changes to deploy" on it. */
export const NO_CHANGES_REASON =
  "The submitted information didn't contain changes. Submit different information to create a change set.";
