/** CloudFormation's errors, spelled as the API spells them. */
import { AwsError } from '../../runtime/aws-error.ts';

const validation = (message: string): AwsError => new AwsError('ValidationError', message, 400);

/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html and each
 * operation's Errors section.
 */
export const cloudformationErrors = {
  /** AWS's exact text for DescribeStacks and friends on an unknown (or deleted, by name) stack. */
  stackNotFound: (nameOrId: string): AwsError => validation(`Stack with id ${nameOrId} does not exist`),
  validation,
  alreadyExists: (what: string): AwsError =>
    new AwsError('AlreadyExistsException', `${what} already exists`, 400),
  /** The text the AWS CLI's `deploy` looks for: "Requires capabilities : [CAPABILITY_IAM]". */
  insufficientCapabilities: (needed: string): AwsError =>
    new AwsError('InsufficientCapabilitiesException', `Requires capabilities : [${needed}]`, 400),
  changeSetNotFound: (name: string): AwsError =>
    new AwsError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404),
  invalidChangeSetStatus: (message: string): AwsError => new AwsError('InvalidChangeSetStatus', message, 400),
  /** UpdateStack and UpdateStack-type change sets while another operation runs. */
  notUpdatable: (stackId: string, status: string): AwsError =>
    validation(`Stack:${stackId} is in ${status} state and can not be updated.`),
};

/** The text `aws cloudformation deploy` and scripts match on for an UpdateStack without changes. */
export const NO_UPDATES = 'No updates are to be performed.';

/** The reason of a FAILED change set without changes; the AWS CLI prints "No changes to deploy" on it. */
export const NO_CHANGES_REASON =
  "The submitted information didn't contain changes. Submit different information to create a change set.";
