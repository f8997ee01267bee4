import { INTRINSICS } from '../intrinsics/handlers.ts';
import { TemplateError } from '../template/template-error.ts';
import type { Template } from '../template/types.ts';

/**
 * Refuses an unknown `Fn::` function anywhere in resources or outputs before anything is created,
 * as CloudFormation's template validation does, instead of failing half-way through a deploy.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export function checkIntrinsicNames(template: Template): void {
  for (const resource of template.resources)
    walk(resource.properties, `Resources.${resource.logicalId}.Properties`);
  for (const output of template.outputs) walk(output.value, `Outputs.${output.logicalId}.Value`);
}

function walk(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    for (const [index, element] of value.entries()) walk(element, `${path}.${index}`);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const entries = Object.entries(value);
  const [only] = entries;
  if (entries.length === 1 && only && only[0].startsWith('Fn::') && !INTRINSICS.has(only[0])) {
    throw TemplateError.at(
      `${path}.${only[0]}`,
      `unknown intrinsic function '${only[0]}' (supported: ${[...INTRINSICS.keys()].join(', ')})`,
    );
  }
  for (const [key, child] of entries) walk(child, `${path}.${key}`);
}
