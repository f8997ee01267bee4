import { randomUUID } from 'node:crypto';
import { type AccountContext, arn } from '../runtime/account.ts';
import { AwsError } from '../runtime/aws-error.ts';

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/;

/**
 * Stack names as CreateStack accepts them: a letter, then letters, digits and hyphens, at most 128.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
 */
export function validateStackName(name: string): void {
  if (name.length > 128 || !STACK_NAME.test(name)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]* and have length less than or equal to 128',
    );
  }
}

/** `arn:aws:cloudformation:us-east-1:000000000000:stack/<name>/<uuid>`, as AWS forms stack ids. */
export function makeStackId(account: AccountContext, name: string, id: string = randomUUID()): string {
  return arn(account, 'cloudformation', `stack/${name}/${id}`);
}
