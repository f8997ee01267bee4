/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplateSummary.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { cloudformationErrors } from '../errors.ts';
import { TEMPLATE_FIELDS } from '../fields.ts';
import { findStack, STACK_NAME } from '../find-stack.ts';
import type { CloudFormationService } from '../service.ts';
import { templateText } from '../template-source.ts';
import { readTemplateText, templateSummary } from '../template-summary.ts';

export const getTemplateSummary = (api: CloudFormationService) =>
  defineOperation({
    input: { ...TEMPLATE_FIELDS, StackName: STACK_NAME, StackSetName: { type: 'string' } },
    handle: async (input) => {
      let text: string;
      if (input.StackName !== undefined) {
        if (input.TemplateBody !== undefined || input.TemplateURL !== undefined)
          throw cloudformationErrors.validation(
            'Specify exactly one of TemplateBody, TemplateURL or StackName.',
          );
        const stack = await findStack(api.reader, input.StackName);
        text = await api.reader.template(stack.stackId);
      } else {
        text = await templateText(input, api.control);
      }
      const summary = templateSummary(readTemplateText(text));
      return {
        Parameters: summary.parameters.map((p) => ({
          ParameterKey: p.name,
          DefaultValue: p.default,
          ParameterType: p.type,
          NoEcho: p.noEcho,
          Description: p.description,
          ParameterConstraints: p.allowedValues ? { AllowedValues: p.allowedValues } : {},
        })),
        Description: summary.description,
        Capabilities: summary.capabilities,
        CapabilitiesReason: summary.capabilitiesReason,
        ResourceTypes: summary.resourceTypes,
        Version: '2010-09-09',
        DeclaredTransforms: [],
      };
    },
  });
