/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplate.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { cloudformationErrors } from '../errors.ts';
import { findStack, STACK_NAME, stackResourceArn } from '../find-stack.ts';
import type { StackReader } from '../stack-reader.ts';

/** `changeSetTemplate` answers ChangeSetName (the template a change set would deploy) when given. */
export const getTemplate = (
  reader: StackReader,
  changeSetTemplate?: (changeSetName: string, stackName: string | undefined) => string,
) =>
  defineOperation({
    input: {
      StackName: STACK_NAME,
      ChangeSetName: { type: 'string' },
      TemplateStage: { type: 'string', enum: ['Original', 'Processed'] },
    },
    resource: (input, ctx) => stackResourceArn(input.StackName, ctx.region, ctx.accountId),
    handle: async (input) => {
      if (input.ChangeSetName !== undefined) {
        if (!changeSetTemplate)
          throw cloudformationErrors.validation('Change sets are not available on this endpoint');
        return {
          TemplateBody: changeSetTemplate(input.ChangeSetName, input.StackName),
          StagesAvailable: ['Original', 'Processed'],
        };
      }
      if (input.StackName === undefined)
        throw cloudformationErrors.validation('Either StackName or ChangeSetName must be specified.');
      const stack = await findStack(reader, input.StackName);
      // No transforms are applied, so the processed template is the original one.
      return {
        TemplateBody: await reader.template(stack.stackId),
        StagesAvailable: ['Original', 'Processed'],
      };
    },
  });
