/**
 * ValidateTemplate's and GetTemplateSummary's view of a template: its parameters, description,
 * resource types and required capabilities.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplateSummary.html
 */
import { buildDependencyGraph } from '../../graph/dependency-graph.ts';
import { parseTemplate } from '../../template/parse-template.ts';
import type { Template } from '../../template/types.ts';
import { requiredCapabilities } from './capabilities.ts';

export function readTemplateText(text: string): Template {
  return parseTemplate(text);
}

/**
 * ValidateTemplate's checks: the structure, and that every reference names a declared resource or
 * parameter and no cycle exists (every resource counted, whatever its condition).
 */
export function validateTemplateText(text: string): Template {
  const template = parseTemplate(text);
  const everyCondition = Object.fromEntries(Object.keys(template.conditions).map((name) => [name, true]));
  buildDependencyGraph(template, everyCondition);
  return template;
}

export function templateSummary(template: Template) {
  const { capabilities, reason } = requiredCapabilities(template);
  return {
    parameters: template.parameters,
    description: template.description,
    capabilities,
    capabilitiesReason: reason,
    resourceTypes: [...new Set(template.resources.map((r) => r.type))],
  };
}
