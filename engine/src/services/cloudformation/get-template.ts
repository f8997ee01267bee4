/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplate.html */
import { defineOperation } from '../../protocol/operation.ts';
import { validationError } from './errors.ts';
import { findStack, STACK_NAME, stackResourceArn } from './find-stack.ts';
import type { StackReader } from './stack-reader.ts';

export const getTemplate = (reader: StackReader) =>
  defineOperation({
    input: {
      StackName: STACK_NAME,
      ChangeSetName: { type: 'string' },
      TemplateStage: { type: 'string', enum: ['Original', 'Processed'] },
    },
    resource: (input, ctx) => stackResourceArn(input.StackName, ctx.region, ctx.accountId),
    handle: async (input) => {
      if (input.ChangeSetName !== undefined)
        throw validationError('Change sets are not supported by this emulator');
      if (input.StackName === undefined)
        throw validationError('Either StackName or ChangeSetName must be specified.');
      const stack = await findStack(reader, input.StackName);
      // No transforms are applied, so the processed template is the original one.
      return {
        TemplateBody: await reader.template(stack.stackId),
        StagesAvailable: ['Original', 'Processed'],
      };
    },
  });
