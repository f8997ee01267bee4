/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html */
import { validateStackName } from '../../../deploy/stack-name.ts';
import { defineOperation } from '../../../protocol/operation.ts';
import { checkCapabilities } from '../capabilities.ts';
import { cloudformationErrors } from '../errors.ts';
import { CAPABILITY_LIST, PARAMETERS, TAGS, TEMPLATE_FIELDS, tagMap } from '../fields.ts';
import { liveStack } from '../live-stack.ts';
import { overridesFrom } from '../parameters.ts';
import type { CloudFormationService } from '../service.ts';
import { templateText } from '../template-source.ts';
import { readTemplateText } from '../template-summary.ts';

export const createStack = (api: CloudFormationService) =>
  defineOperation({
    input: {
      StackName: { type: 'string', required: true, minLength: 1, maxLength: 128 },
      ...TEMPLATE_FIELDS,
      Parameters: PARAMETERS,
      Capabilities: CAPABILITY_LIST,
      Tags: TAGS,
      DisableRollback: { type: 'boolean' },
      OnFailure: { type: 'string', enum: ['DO_NOTHING', 'ROLLBACK', 'DELETE'] },
      TimeoutInMinutes: { type: 'integer', min: 1 },
      ClientRequestToken: { type: 'string' },
      EnableTerminationProtection: { type: 'boolean' },
    },
    handle: async (input) => {
      validateStackName(input.StackName);
      const existing = await liveStack(api, input.StackName);
      if (existing && existing.status !== 'REVIEW_IN_PROGRESS')
        throw cloudformationErrors.alreadyExists(`Stack [${input.StackName}]`);
      const body = await templateText(input, api.control);
      const capabilities = input.Capabilities ?? [];
      checkCapabilities(readTemplateText(body), capabilities);
      const spec = {
        stackName: input.StackName,
        templateBody: body,
        parameters: overridesFrom(input.Parameters, undefined),
        ...(existing ? { stackId: existing.stackId } : {}),
      };
      api.control.preview(spec);
      if (existing) api.records.removeReview(existing.stackId);
      const { stackId, done } = api.startDeploy(spec, {
        tags: tagMap(input.Tags),
        capabilities,
        templateBody: body,
      });
      await api.settle(done);
      return { StackId: stackId };
    },
  });
