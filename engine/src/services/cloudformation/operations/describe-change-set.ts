/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeChangeSet.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { CHANGE_SET_NAME } from '../fields.ts';
import { changesShape, findChangeSet } from '../find-change-set.ts';
import { STACK_NAME } from '../find-stack.ts';
import type { CloudFormationService } from '../service.ts';

export const describeChangeSet = (api: CloudFormationService) =>
  defineOperation({
    input: {
      ChangeSetName: { ...CHANGE_SET_NAME, required: true },
      StackName: STACK_NAME,
      NextToken: { type: 'string' },
      IncludePropertyValues: { type: 'boolean' },
    },
    handle: (input) => {
      const cs = findChangeSet(api, input.ChangeSetName, input.StackName);
      return {
        ChangeSetName: cs.changeSetName,
        ChangeSetId: cs.changeSetId,
        StackId: cs.stackId,
        StackName: cs.stackName,
        Description: cs.description,
        Parameters: Object.entries(cs.parameters).map(([ParameterKey, ParameterValue]) => ({
          ParameterKey,
          ParameterValue,
        })),
        CreationTime: new Date(cs.creationTime),
        ExecutionStatus: cs.executionStatus,
        Status: cs.status,
        StatusReason: cs.statusReason,
        NotificationARNs: [],
        RollbackConfiguration: {},
        Capabilities: cs.capabilities,
        Tags: Object.entries(cs.tags).map(([Key, Value]) => ({ Key, Value })),
        Changes: changesShape(cs),
        IncludeNestedStacks: false,
      };
    },
  });
