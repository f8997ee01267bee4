/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackEvents.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { findStack, STACK_NAME, stackResourceArn } from '../find-stack.ts';
import type { StackReader } from '../stack-reader.ts';

export const describeStackEvents = (reader: StackReader) =>
  defineOperation({
    input: { StackName: { ...STACK_NAME, required: true }, NextToken: { type: 'string' } },
    resource: (input, ctx) => stackResourceArn(input.StackName, ctx.region, ctx.accountId),
    handle: async (input) => {
      const stack = await findStack(reader, input.StackName);
      const events = [...(await reader.stackEvents(stack.stackId))];
      // Newest first; a stable sort keeps the reader's order for events in the same millisecond,
      // so the reader's later-recorded event must come first: reverse before sorting.
      events.reverse().sort((a, b) => b.timestamp - a.timestamp);
      return {
        StackEvents: events.map((e) => ({
          StackId: stack.stackId,
          EventId: e.eventId,
          StackName: stack.stackName,
          LogicalResourceId: e.logicalId,
          PhysicalResourceId: e.physicalId,
          ResourceType: e.resourceType,
          Timestamp: new Date(e.timestamp),
          ResourceStatus: e.status,
          ResourceStatusReason: e.statusReason,
          ResourceProperties: e.resourceProperties,
        })),
      };
    },
  });
