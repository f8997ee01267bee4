import { TemplateError } from '../template/template-error.ts';
import type { ResourceDefinition, Template } from '../template/types.ts';
import { type BranchChooser, collectReferences, type Reference } from './references.ts';

/** The resources a stack will hold and the order to create them in. */
export interface DependencyGraph {
  /** Resources whose condition holds, dependencies first; ties keep template order. */
  readonly order: readonly string[];
  /** For each resource in `order`, the resources it waits for. */
  readonly dependencies: ReadonlyMap<string, ReadonlySet<string>>;
  /** Resources left out because their Condition is false. */
  readonly excluded: readonly string[];
  /** GetAtt-style references of included resources and outputs (checked against providers' attributes). */
  readonly attributeReferences: readonly (Reference & { readonly from: string })[];
}

/**
 * Builds the dependency graph from Ref, Fn::GetAtt, `${}` in Fn::Sub and DependsOn, after
 * conditions: a resource whose Condition is false is not part of it, and `Fn::If` only contributes
 * its chosen branch. Fails (naming the logical ids) on a reference to an undeclared id anywhere,
 * on a used reference to a resource that a condition removed, and on a cycle.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html
 */
export function buildDependencyGraph(
  template: Template,
  conditions: Readonly<Record<string, boolean>>,
): DependencyGraph {
  const parameters = new Set(template.parameters.map((p) => p.name));
  const declared = new Map(template.resources.map((r) => [r.logicalId, r]));
  const included = (r: ResourceDefinition | undefined): boolean =>
    !!r && (!r.condition || conditions[r.condition] === true);
  const choose: BranchChooser = (name) => (Object.hasOwn(conditions, name) ? conditions[name] : undefined);

  for (const resource of template.resources)
    checkDeclared(resource.logicalId, allReferences(resource), declared, parameters);
  for (const output of template.outputs) {
    const refs = collectReferences([output.value, output.exportName ?? null], `Outputs.${output.logicalId}`);
    checkDeclared(`Outputs.${output.logicalId}`, refs, declared, parameters);
  }

  const active = template.resources.filter(included);
  const dependencies = new Map<string, Set<string>>();
  const attributeReferences: (Reference & { from: string })[] = [];
  const link = (from: string, refs: Reference[]): Set<string> => {
    const targets = new Set<string>();
    for (const ref of refs) {
      if (parameters.has(ref.target)) continue;
      if (!included(declared.get(ref.target))) {
        throw new TemplateError(
          ref.path,
          `${ref.path}: ${from} refers to ${ref.target}, which is not created because its condition is false`,
          [from, ref.target],
        );
      }
      targets.add(ref.target);
      if (ref.kind !== 'Ref' && ref.kind !== 'DependsOn') attributeReferences.push({ ...ref, from });
    }
    return targets;
  };
  for (const resource of active) {
    const refs = [
      ...dependsOnReferences(resource),
      ...collectReferences(resource.properties, `Resources.${resource.logicalId}.Properties`, choose),
    ];
    dependencies.set(resource.logicalId, link(resource.logicalId, refs));
  }
  for (const output of template.outputs) {
    if (output.condition && conditions[output.condition] !== true) continue;
    const path = `Outputs.${output.logicalId}`;
    link(path, collectReferences([output.value, output.exportName ?? null], path, choose));
  }
  return {
    order: topologicalOrder(
      active.map((r) => r.logicalId),
      dependencies,
    ),
    dependencies,
    excluded: template.resources.filter((r) => !included(r)).map((r) => r.logicalId),
    attributeReferences,
  };
}

/**
 * Groups of resources that could be created at the same time: each group depends only on earlier groups.
 */
export function dependencyLevels(graph: DependencyGraph): string[][] {
  const level = new Map<string, number>();
  for (const id of graph.order) {
    const deps = [...(graph.dependencies.get(id) ?? [])];
    level.set(
      id,
      deps.reduce((max, dep) => Math.max(max, (level.get(dep) ?? 0) + 1), 0),
    );
  }
  const levels: string[][] = [];
  for (const id of graph.order) {
    const index = level.get(id) ?? 0;
    levels[index] = [...(levels[index] ?? []), id];
  }
  return levels;
}

function allReferences(resource: ResourceDefinition): Reference[] {
  return [
    ...dependsOnReferences(resource),
    ...collectReferences(resource.properties, `Resources.${resource.logicalId}.Properties`),
  ];
}

function dependsOnReferences(resource: ResourceDefinition): Reference[] {
  return resource.dependsOn.map((target) => ({
    kind: 'DependsOn' as const,
    target,
    path: `Resources.${resource.logicalId}.DependsOn`,
  }));
}

function checkDeclared(
  from: string,
  refs: readonly Reference[],
  declared: ReadonlyMap<string, ResourceDefinition>,
  parameters: ReadonlySet<string>,
): void {
  for (const ref of refs) {
    const isParameter = parameters.has(ref.target);
    if (declared.has(ref.target) && !(isParameter && ref.kind !== 'Ref')) continue;
    if (isParameter && (ref.kind === 'Ref' || (ref.kind === 'Fn::Sub' && ref.attribute === undefined)))
      continue;
    const what = isParameter ? 'a parameter, not a resource' : 'not declared in the template';
    throw new TemplateError(
      ref.path,
      `${ref.path}: unresolved dependency: ${from} refers to ${ref.target} (${ref.kind}), which is ${what}`,
      [from, ref.target],
    );
  }
}

/** Kahn's algorithm, always taking the earliest ready resource in template order (stable). */
function topologicalOrder(
  ids: readonly string[],
  dependencies: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  let pending = [...ids];
  while (pending.length > 0) {
    const ready = pending.find((id) => [...(dependencies.get(id) ?? [])].every((dep) => done.has(dep)));
    if (ready === undefined) {
      const cycle = findCycle(pending, dependencies);
      throw new TemplateError(
        'Resources',
        `Circular dependency between resources: [${cycle.join(', ')}] (${[...cycle, cycle[0]].join(' -> ')})`,
        cycle,
      );
    }
    done.add(ready);
    order.push(ready);
    pending = pending.filter((id) => id !== ready);
  }
  return order;
}

/** A cycle among resources that cannot be ordered, found by walking dependencies until one repeats. */
function findCycle(
  pending: readonly string[],
  dependencies: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const blocked = new Set(pending);
  const path: string[] = [];
  let current = pending[0] as string;
  while (!path.includes(current)) {
    path.push(current);
    const next = [...(dependencies.get(current) ?? [])].find((dep) => blocked.has(dep));
    if (next === undefined) break;
    current = next;
  }
  return path.slice(path.indexOf(current));
}
