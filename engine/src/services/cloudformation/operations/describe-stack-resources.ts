/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResources.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { cloudformationErrors } from '../errors.ts';
import { findStack, STACK_NAME, stackResourceArn } from '../find-stack.ts';
import type { StackReader, StackRecord, StackResourceRecord } from '../stack-reader.ts';

/** The stack owning a physical id, searched among live stacks. */
async function stackOfPhysicalId(reader: StackReader, physicalId: string): Promise<StackRecord> {
  for (const stack of await reader.listStacks()) {
    if (stack.status === 'DELETE_COMPLETE') continue;
    const resources = await reader.stackResources(stack.stackId);
    if (resources.some((r) => r.physicalId === physicalId)) return stack;
  }
  throw cloudformationErrors.validation(`Stack for ${physicalId} does not exist`);
}

export const describeStackResources = (reader: StackReader) =>
  defineOperation({
    input: {
      StackName: STACK_NAME,
      LogicalResourceId: { type: 'string' },
      PhysicalResourceId: { type: 'string' },
    },
    resource: (input, ctx) => stackResourceArn(input.StackName, ctx.region, ctx.accountId),
    handle: async (input) => {
      const stack =
        input.StackName !== undefined
          ? await findStack(reader, input.StackName)
          : input.PhysicalResourceId !== undefined
            ? await stackOfPhysicalId(reader, input.PhysicalResourceId)
            : undefined;
      if (!stack)
        throw cloudformationErrors.validation('Either StackName or PhysicalResourceId must be specified.');
      const keep = (r: StackResourceRecord): boolean =>
        (input.LogicalResourceId === undefined || r.logicalId === input.LogicalResourceId) &&
        (input.PhysicalResourceId === undefined || r.physicalId === input.PhysicalResourceId);
      const resources = (await reader.stackResources(stack.stackId)).filter(keep);
      return {
        StackResources: resources.map((r) => ({
          StackName: stack.stackName,
          StackId: stack.stackId,
          LogicalResourceId: r.logicalId,
          PhysicalResourceId: r.physicalId,
          ResourceType: r.type,
          Timestamp: new Date(r.lastUpdated),
          ResourceStatus: r.status,
          ResourceStatusReason: r.statusReason,
          DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
        })),
      };
    },
  });
