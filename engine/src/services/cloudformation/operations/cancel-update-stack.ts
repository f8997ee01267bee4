/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CancelUpdateStack.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { findStack, STACK_NAME, stackResourceArn } from '../find-stack.ts';
import type { CloudFormationService } from '../service.ts';

export const cancelUpdateStack = (api: CloudFormationService) =>
  defineOperation({
    input: { StackName: { ...STACK_NAME, required: true }, ClientRequestToken: { type: 'string' } },
    resource: (input, ctx) => stackResourceArn(input.StackName, ctx.region, ctx.accountId),
    handle: async (input) => {
      const stack = await findStack(api.reader, input.StackName);
      api.control.cancelUpdate(stack.stackId);
      return {};
    },
  });
