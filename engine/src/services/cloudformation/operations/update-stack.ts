/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_UpdateStack.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { checkCapabilities } from '../capabilities.ts';
import { cloudformationErrors, NO_UPDATES } from '../errors.ts';
import { CAPABILITY_LIST, PARAMETERS, TAGS, TEMPLATE_FIELDS, tagMap } from '../fields.ts';
import { STACK_NAME, stackResourceArn } from '../find-stack.ts';
import { liveStack, UPDATABLE } from '../live-stack.ts';
import { overridesFrom } from '../parameters.ts';
import type { CloudFormationService } from '../service.ts';
import { templateText } from '../template-source.ts';
import { readTemplateText } from '../template-summary.ts';

export const updateStack = (api: CloudFormationService) =>
  defineOperation({
    input: {
      StackName: { ...STACK_NAME, required: true },
      ...TEMPLATE_FIELDS,
      UsePreviousTemplate: { type: 'boolean' },
      Parameters: PARAMETERS,
      Capabilities: CAPABILITY_LIST,
      Tags: TAGS,
      DisableRollback: { type: 'boolean' },
      ClientRequestToken: { type: 'string' },
    },
    resource: (input, ctx) => stackResourceArn(input.StackName, ctx.region, ctx.accountId),
    handle: async (input) => {
      const stack = await liveStack(api, input.StackName);
      if (!stack || stack.status === 'REVIEW_IN_PROGRESS')
        throw cloudformationErrors.stackNotFound(input.StackName);
      if (api.control.isBusy(stack.stackName) || !UPDATABLE.has(stack.status))
        throw cloudformationErrors.notUpdatable(stack.stackId, stack.status);
      const body = await templateText(input, api.control, async () => api.reader.template(stack.stackId));
      const capabilities = input.Capabilities ?? [];
      checkCapabilities(readTemplateText(body), capabilities);
      const spec = {
        stackName: stack.stackName,
        templateBody: body,
        parameters: overridesFrom(input.Parameters, api.control.previousParameters(stack.stackId)),
      };
      const preview = api.control.preview(spec);
      const previousTags = api.records.meta(stack.stackId)?.tags ?? {};
      const tags = input.Tags === undefined ? previousTags : tagMap(input.Tags);
      const tagsChanged = JSON.stringify(tags) !== JSON.stringify(previousTags);
      if (!preview.hasChanges && !tagsChanged) throw cloudformationErrors.validation(NO_UPDATES);
      if (!preview.hasChanges) {
        api.records.setMeta(stack.stackId, { tags, capabilities, templateBody: body });
        return { StackId: stack.stackId };
      }
      const { done } = api.startDeploy(
        { ...spec, stackId: stack.stackId },
        { tags, capabilities, templateBody: body },
      );
      await api.settle(done);
      return { StackId: stack.stackId };
    },
  });
