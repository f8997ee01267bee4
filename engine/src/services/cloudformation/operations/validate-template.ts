/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ValidateTemplate.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { TEMPLATE_FIELDS } from '../fields.ts';
import type { CloudFormationService } from '../service.ts';
import { templateText } from '../template-source.ts';
import { templateSummary, validateTemplateText } from '../template-summary.ts';

export const validateTemplate = (api: CloudFormationService) =>
  defineOperation({
    input: TEMPLATE_FIELDS,
    handle: async (input) => {
      const summary = templateSummary(validateTemplateText(await templateText(input, api.control)));
      return {
        Parameters: summary.parameters.map((p) => ({
          ParameterKey: p.name,
          DefaultValue: p.default,
          NoEcho: p.noEcho,
          Description: p.description,
        })),
        Description: summary.description,
        Capabilities: summary.capabilities,
        CapabilitiesReason: summary.capabilitiesReason,
        DeclaredTransforms: [],
      };
    },
  });
