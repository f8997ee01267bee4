import { buildDependencyGraph, type DependencyGraph } from '../graph/dependency-graph.ts';
import { collectReferences } from '../graph/references.ts';
import { type PseudoParameters, pseudoParameters } from '../intrinsics/context.ts';
import { evaluateConditions } from '../intrinsics/evaluate-conditions.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { AccountContext } from '../runtime/account.ts';
import { type ResolvedParameters, resolveParameters } from '../template/parameters.ts';
import { parseTemplate } from '../template/parse-template.ts';
import { TemplateError } from '../template/template-error.ts';
import type { Template } from '../template/types.ts';
import { checkIntrinsicNames } from './check-intrinsics.ts';

/** Everything known about a deploy before any resource is touched. */
export interface PreparedStack {
  readonly template: Template;
  readonly parameters: ResolvedParameters;
  readonly conditions: Record<string, boolean>;
  readonly graph: DependencyGraph;
  readonly pseudo: PseudoParameters;
}

/**
 * Parses and checks a deploy up front, so a bad template fails before anything exists, as
 * CreateStack/UpdateStack validation does: parameters, conditions, references, cycles, and whether
 * the registry supports every type, top-level property and GetAtt attribute the template uses.
 */
export function prepareStack(options: {
  readonly template: Template | string;
  readonly overrides: Readonly<Record<string, string>>;
  readonly account: AccountContext;
  readonly stackName: string;
  readonly stackId: string;
  readonly registry: ProviderRegistry;
}): PreparedStack {
  const template = typeof options.template === 'string' ? parseTemplate(options.template) : options.template;
  const parameters = resolveParameters(template, options.overrides);
  const pseudo = pseudoParameters(options.account, options.stackName, options.stackId);
  const conditions = evaluateConditions(template.conditions, {
    parameters: parameters.values,
    pseudo,
    mappings: template.mappings,
  });
  const graph = buildDependencyGraph(template, conditions);
  checkExportNames(template);
  checkConditionNames(template);
  checkSupport(template, graph, options.registry);
  checkIntrinsicNames(template);
  return { template, parameters, conditions, graph, pseudo };
}

function checkSupport(template: Template, graph: DependencyGraph, registry: ProviderRegistry): void {
  const byId = new Map(template.resources.map((r) => [r.logicalId, r]));
  for (const logicalId of graph.order) {
    const resource = byId.get(logicalId);
    if (!resource) continue;
    const provider = registry.get(resource.type);
    if (!provider) {
      throw new TemplateError(
        `Resources.${logicalId}.Type`,
        `Resources.${logicalId}: resource type ${resource.type} is not supported by the local cloud`,
        [logicalId],
      );
    }
    const keys = Object.keys(resource.properties);
    const computed = keys.length === 1 && (keys[0] === 'Ref' || keys[0]?.startsWith('Fn::'));
    if (!computed) checkProperties(logicalId, resource.type, keys, provider.supportedProperties);
  }
  for (const ref of graph.attributeReferences) {
    const target = byId.get(ref.target);
    const provider = target && registry.get(target.type);
    if (!provider || ref.attribute === undefined) continue;
    if (!provider.supportedAttributes.includes(ref.attribute)) {
      throw new TemplateError(
        ref.path,
        `${ref.path}: ${ref.from} reads attribute ${ref.attribute} of ${ref.target}, which the local ` +
          `${target.type} does not provide (supported: ${provider.supportedAttributes.join(', ') || 'none'})`,
        [ref.from, ref.target],
      );
    }
  }
}

/**
 * An export name may not depend on a resource (AWS: "the value of the Name property of an Export
 * can't use Ref or GetAtt functions that depend on a resource").
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html
 */
function checkExportNames(template: Template): void {
  const resources = new Set(template.resources.map((r) => r.logicalId));
  for (const output of template.outputs) {
    if (output.exportName === undefined) continue;
    const path = `Outputs.${output.logicalId}.Export.Name`;
    const used = collectReferences(output.exportName, path).find((ref) => resources.has(ref.target));
    if (used) {
      throw new TemplateError(path, `${path}: an export name cannot depend on resource ${used.target}`, [
        used.target,
      ]);
    }
  }
}

/** Every `Fn::If` names a declared condition (checked everywhere, chosen branch or not). */
function checkConditionNames(template: Template): void {
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, `${path}.${index}`);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      const name = key === 'Fn::If' && Array.isArray(item) ? item[0] : undefined;
      if (typeof name === 'string' && !Object.hasOwn(template.conditions, name)) {
        throw new TemplateError(
          `${path}.Fn::If`,
          `${path}.Fn::If: condition '${name}' is not declared in Conditions`,
        );
      }
      walk(item, `${path}.${key}`);
    }
  };
  for (const r of template.resources) walk(r.properties, `Resources.${r.logicalId}.Properties`);
  for (const o of template.outputs) walk([o.value, o.exportName ?? null], `Outputs.${o.logicalId}`);
}

/** Also used on resolved properties, since `Fn::If` at the top of Properties can add keys. */
export function checkProperties(
  logicalId: string,
  type: string,
  keys: readonly string[],
  supported: readonly string[],
): void {
  for (const key of keys) {
    if (!supported.includes(key)) {
      const path = `Resources.${logicalId}.Properties.${key}`;
      throw new TemplateError(
        path,
        `${path}: property ${key} of ${type} is not supported by the local cloud`,
        [logicalId],
      );
    }
  }
}
