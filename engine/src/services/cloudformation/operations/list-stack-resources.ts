/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStackResources.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { findStack, STACK_NAME, stackResourceArn } from '../find-stack.ts';
import type { StackReader } from '../stack-reader.ts';

export const listStackResources = (reader: StackReader) =>
  defineOperation({
    input: { StackName: { ...STACK_NAME, required: true }, NextToken: { type: 'string' } },
    resource: (input, ctx) => stackResourceArn(input.StackName, ctx.region, ctx.accountId),
    handle: async (input) => {
      const stack = await findStack(reader, input.StackName);
      const resources = await reader.stackResources(stack.stackId);
      return {
        StackResourceSummaries: resources.map((r) => ({
          LogicalResourceId: r.logicalId,
          PhysicalResourceId: r.physicalId,
          ResourceType: r.type,
          LastUpdatedTimestamp: new Date(r.lastUpdated),
          ResourceStatus: r.status,
          ResourceStatusReason: r.statusReason,
          DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
        })),
      };
    },
  });
