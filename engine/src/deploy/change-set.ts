/**
 * The change set of a deploy, computed without touching anything: for every resource, whether it
 * is added, modified (in place or by replacement) or removed, which properties change, and which
 * property forces a replacement. Pure: a function of the deployed resources, the planned template
 * and what each provider can update; `tapstack diff`, the dev loop and CreateChangeSet all print it.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceChange.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets-samples.html
 */
import { changedProperties } from './plan.ts';

export type ChangeAction = 'Add' | 'Modify' | 'Remove';
export type Replacement = 'True' | 'False' | 'Conditional';
export type RequiresRecreation = 'Never' | 'Conditionally' | 'Always';

/** One changed property (ResourceChangeDetail). */
export interface ChangeDetail {
  readonly target: {
    readonly attribute: 'Properties' | 'Tags';
    readonly name: string;
    readonly requiresRecreation: RequiresRecreation;
  };
  /** Static: known now. Dynamic: depends on a resource that is itself added or replaced. */
  readonly evaluation: 'Static' | 'Dynamic';
  readonly changeSource: 'DirectModification' | 'ResourceReference';
  /** The resource whose new physical id or attribute causes a Dynamic change. */
  readonly causingEntity?: string;
}

/** One resource's change (ResourceChange). */
export interface ResourceChangeDescription {
  readonly action: ChangeAction;
  readonly logicalId: string;
  /** Absent for an Add. */
  readonly physicalId?: string;
  readonly resourceType: string;
  /** Only for Modify. */
  readonly replacement?: Replacement;
  readonly scope: readonly ('Properties' | 'Tags')[];
  readonly details: readonly ChangeDetail[];
  /** For Remove: what the DeletionPolicy does to it; for a replacement: what UpdateReplacePolicy does to the old one. */
  readonly policyAction?: 'Delete' | 'Retain';
  /** For a replacement: the property (or `Type`) that forces it. */
  readonly replacedBy?: string;
}

export interface DeployedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** The deletion policy the stored template gives it. */
  readonly deletionPolicy: string;
  /** The UpdateReplacePolicy the stored template gives it (what a replacement does to the old one). */
  readonly updateReplacePolicy?: string;
}

export interface PlannedResource {
  readonly logicalId: string;
  readonly type: string;
}

/** What the engine knows about a type's updates. */
export interface UpdateBehaviour {
  readonly canUpdate: boolean;
  readonly replacementProperties: readonly string[];
}

export interface ChangeSetInput {
  /** The stack's resources as deployed, by logical id (empty for a new stack). */
  readonly deployed: Readonly<Record<string, DeployedResource>>;
  /** The template's resources, dependencies first. */
  readonly planned: readonly PlannedResource[];
  readonly behaviour: (type: string) => UpdateBehaviour;
  /**
   * Resolves a planned resource's properties. References to the ids in `unsettled` (resources
   * added or replaced earlier in this change set) must resolve to `unsettledValue(id)`.
   */
  readonly resolve: (logicalId: string, unsettled: ReadonlySet<string>) => Readonly<Record<string, unknown>>;
}

const MARK = '\u0000unsettled:';

/** What a reference to a resource whose physical id is not known yet resolves to in a preview. */
export const unsettledValue = (logicalId: string): string => `${MARK}${logicalId}\u0000`;

/** The unsettled resources a resolved value reads, in order of appearance. */
function unsettledIn(value: unknown): string[] {
  const text = JSON.stringify(value ?? null);
  const ids: string[] = [];
  for (const match of text.matchAll(/\\u0000unsettled:([A-Za-z0-9]+)\\u0000/g)) {
    if (match[1] && !ids.includes(match[1])) ids.push(match[1]);
  }
  return ids;
}

export function computeChangeSet(input: ChangeSetInput): ResourceChangeDescription[] {
  const unsettled = new Set<string>();
  const changes: ResourceChangeDescription[] = [];
  for (const { logicalId, type } of input.planned) {
    const old = input.deployed[logicalId];
    if (!old) {
      unsettled.add(logicalId);
      changes.push({ action: 'Add', logicalId, resourceType: type, scope: [], details: [] });
      continue;
    }
    const props = input.resolve(logicalId, unsettled);
    const change = modification(old, type, props, input.behaviour(type));
    if (!change) continue;
    if (change.replacement === 'True') unsettled.add(logicalId);
    changes.push(change);
  }
  const planned = new Set(input.planned.map((p) => p.logicalId));
  for (const old of Object.values(input.deployed)) {
    if (planned.has(old.logicalId)) continue;
    const retained = keeps(old.deletionPolicy);
    changes.push({
      action: 'Remove',
      logicalId: old.logicalId,
      physicalId: old.physicalId,
      resourceType: old.type,
      scope: [],
      details: [],
      policyAction: retained ? 'Retain' : 'Delete',
    });
  }
  return changes;
}

function modification(
  old: DeployedResource,
  type: string,
  props: Readonly<Record<string, unknown>>,
  behaviour: UpdateBehaviour,
): ResourceChangeDescription | undefined {
  const base = {
    action: 'Modify' as const,
    logicalId: old.logicalId,
    physicalId: old.physicalId,
    resourceType: type,
  };
  const onReplace = {
    policyAction: keeps(old.updateReplacePolicy) ? ('Retain' as const) : ('Delete' as const),
  };
  if (old.type !== type) {
    return { ...base, replacement: 'True', scope: [], details: [], replacedBy: 'Type', ...onReplace };
  }
  const names = changedProperties(old.properties, props);
  if (names.length === 0) return undefined;
  const details = names.map((name) => detail(name, props[name], behaviour));
  const forcing = details.find((d) => d.evaluation === 'Static' && d.target.requiresRecreation === 'Always');
  const conditional = details.some((d) => d.target.requiresRecreation !== 'Never');
  const replacement: Replacement = forcing ? 'True' : conditional ? 'Conditional' : 'False';
  const scope = [...new Set(details.map((d) => d.target.attribute))];
  return {
    ...base,
    replacement,
    scope,
    details,
    ...(forcing ? { replacedBy: forcing.target.name, ...onReplace } : {}),
  };
}

/** Whether a DeletionPolicy or UpdateReplacePolicy leaves the resource behind. */
function keeps(policy: string | undefined): boolean {
  return policy === 'Retain' || policy === 'RetainExceptOnCreate';
}

function detail(name: string, after: unknown, behaviour: UpdateBehaviour): ChangeDetail {
  const replaces = !behaviour.canUpdate || behaviour.replacementProperties.includes(name);
  const causes = unsettledIn(after);
  const attribute = name === 'Tags' ? 'Tags' : 'Properties';
  if (causes.length > 0) {
    return {
      target: { attribute, name, requiresRecreation: replaces ? 'Conditionally' : 'Never' },
      evaluation: 'Dynamic',
      changeSource: 'ResourceReference',
      ...(causes[0] ? { causingEntity: causes[0] } : {}),
    };
  }
  return {
    target: { attribute, name, requiresRecreation: replaces ? 'Always' : 'Never' },
    evaluation: 'Static',
    changeSource: 'DirectModification',
  };
}
