/** Stack lookup with AWS's rules: live stacks by name, any stack (deleted too) by stack id. */
import { cloudformationErrors } from './errors.ts';
import type { StackReader, StackRecord } from './stack-reader.ts';

export async function findStack(reader: StackReader, nameOrId: string): Promise<StackRecord> {
  const stacks = await reader.listStacks();
  const byId = stacks.find((s) => s.stackId === nameOrId);
  if (byId) return byId;
  const live = stacks.filter((s) => s.stackName === nameOrId && s.status !== 'DELETE_COMPLETE');
  const stack = live.sort((a, b) => b.creationTime - a.creationTime)[0];
  if (!stack) throw cloudformationErrors.stackNotFound(nameOrId);
  return stack;
}

/** The ARN IAM checks CloudFormation calls against. */
export const stackResourceArn = (name: string | undefined, region: string, accountId: string): string =>
  name === undefined
    ? '*'
    : name.startsWith('arn:')
      ? name
      : `arn:aws:cloudformation:${region}:${accountId}:stack/${name}/*`;

export const STACK_NAME = { type: 'string', minLength: 1, maxLength: 1024 } as const;
