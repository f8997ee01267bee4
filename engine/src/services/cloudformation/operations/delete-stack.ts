/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html
 * Deleting a stack that does not exist succeeds, as in AWS. A stack whose exports another stack
 * imports is refused before anything is deleted.
 */
import { defineOperation } from '../../../protocol/operation.ts';
import { cloudformationErrors } from '../errors.ts';
import { STACK_NAME, stackResourceArn } from '../find-stack.ts';
import { liveStack } from '../live-stack.ts';
import type { CloudFormationService } from '../service.ts';

export const deleteStack = (api: CloudFormationService) =>
  defineOperation({
    input: {
      StackName: { ...STACK_NAME, required: true },
      RetainResources: { type: 'list', member: { type: 'string' } },
      ClientRequestToken: { type: 'string' },
      RoleARN: { type: 'string' },
      DeletionMode: { type: 'string', enum: ['STANDARD', 'FORCE_DELETE_STACK'] },
    },
    resource: (input, ctx) => stackResourceArn(input.StackName, ctx.region, ctx.accountId),
    handle: async (input) => {
      if (input.RetainResources !== undefined && input.RetainResources.length > 0)
        throw cloudformationErrors.validation(
          'RetainResources is not supported by the local cloud: use DeletionPolicy: Retain',
        );
      const stack = await liveStack(api, input.StackName);
      if (!stack) return {};
      if (stack.status === 'REVIEW_IN_PROGRESS') {
        api.records.forgetStack(stack.stackId);
        api.records.addDeleted({
          stackId: stack.stackId,
          stackName: stack.stackName,
          creationTime: stack.creationTime,
          deletionTime: api.now(),
        });
        return {};
      }
      if (api.control.isBusy(stack.stackName))
        throw cloudformationErrors.validation(
          `Stack [${stack.stackName}] cannot be deleted while in status ${stack.status}`,
        );
      await api.settle(api.startDelete(stack));
      return {};
    },
  });
