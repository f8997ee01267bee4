/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListChangeSets.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { findStack, STACK_NAME } from '../find-stack.ts';
import type { CloudFormationService } from '../service.ts';

export const listChangeSets = (api: CloudFormationService) =>
  defineOperation({
    input: { StackName: { ...STACK_NAME, required: true }, NextToken: { type: 'string' } },
    handle: async (input) => {
      const stack = await findStack(api.reader, input.StackName);
      return {
        Summaries: api.records
          .changeSets()
          .filter((c) => c.stackId === stack.stackId)
          .map((c) => ({
            StackId: c.stackId,
            StackName: c.stackName,
            ChangeSetId: c.changeSetId,
            ChangeSetName: c.changeSetName,
            ExecutionStatus: c.executionStatus,
            Status: c.status,
            StatusReason: c.statusReason,
            CreationTime: new Date(c.creationTime),
            Description: c.description,
            IncludeNestedStacks: false,
          })),
      };
    },
  });
