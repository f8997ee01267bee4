/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { findStack, STACK_NAME, stackResourceArn } from '../find-stack.ts';
import type { StackReader, StackRecord } from '../stack-reader.ts';

const date = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));

/** The `Stack` structure; keys in the order AWS writes them. */
export function stackShape(stack: StackRecord) {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    Description: stack.description,
    Parameters: Object.entries(stack.parameters).map(([ParameterKey, ParameterValue]) => ({
      ParameterKey,
      ParameterValue,
    })),
    CreationTime: date(stack.creationTime),
    DeletionTime: date(stack.deletionTime),
    LastUpdatedTime: date(stack.lastUpdatedTime),
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DisableRollback: stack.disableRollback ?? false,
    Capabilities: stack.capabilities,
    Outputs: stack.outputs.map((o) => ({
      OutputKey: o.key,
      OutputValue: o.value,
      Description: o.description,
      ExportName: o.exportName,
    })),
    Tags: Object.entries(stack.tags).map(([Key, Value]) => ({ Key, Value })),
    EnableTerminationProtection: false,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

export const describeStacks = (reader: StackReader) =>
  defineOperation({
    input: { StackName: STACK_NAME, NextToken: { type: 'string' } },
    resource: (input, ctx) => stackResourceArn(input.StackName, ctx.region, ctx.accountId),
    handle: async (input) => {
      if (input.StackName !== undefined)
        return { Stacks: [stackShape(await findStack(reader, input.StackName))] };
      const stacks = (await reader.listStacks()).filter((s) => s.status !== 'DELETE_COMPLETE');
      return { Stacks: [...stacks].sort((a, b) => b.creationTime - a.creationTime).map(stackShape) };
    },
  });
