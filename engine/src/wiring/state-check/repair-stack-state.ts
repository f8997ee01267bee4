import type { StackDeployer } from '../../deploy/stack-deployer.ts';
import type { StackEvent } from '../../deploy/types.ts';
import type { DriftJournal } from './drift-journal.ts';
import { driftKindOf, driftNameOf, type StateProblem } from './verify-stack-state.ts';

/** What a repair did, for the CLI to print. */
export interface RepairOutcome {
  readonly reapplied: readonly string[];
  readonly recreated: readonly string[];
  readonly refused: readonly StateProblem[];
}

const namespaceOf = (type: string): string => type.split('::').slice(0, 2).join('::');

/**
 * Resources kept inside another one's state (a route in its API's file, a permission in its
 * function's): same service, and their recorded properties name the lost resource. They went with
 * it, so they are re-created with it.
 */
function companions(deployer: StackDeployer, problem: StateProblem): string[] {
  return deployer
    .listStackResources(problem.stackName)
    .filter(
      (r) =>
        r.logicalId !== problem.logicalId &&
        namespaceOf(r.resourceType) === namespaceOf(problem.resourceType) &&
        JSON.stringify(deployer.resourceProperties(problem.stackName, r.logicalId)).includes(
          problem.physicalId,
        ),
    )
    .map((r) => r.logicalId);
}

/**
 * Brings the stores back in line with the stacks from the recorded templates: lost settings are
 * applied again in place (the table and its items untouched), lost resources are re-created with
 * the resources kept inside them, through a stack update, so dependents are re-pointed. Data in
 * every other file stays as it is. Unreadable data (`restore`) is refused, never reset.
 */
export async function repairStackState(
  deployer: StackDeployer,
  drift: DriftJournal,
  problems: readonly StateProblem[],
  onEvent?: (event: StackEvent) => void,
): Promise<RepairOutcome> {
  const reapplied: string[] = [];
  const recreated: string[] = [];
  const refused = problems.filter((p) => p.finding.fix === 'restore');
  for (const problem of problems.filter((p) => p.finding.fix === 'reapply')) {
    await deployer.reapplyResource(problem.stackName, problem.logicalId);
    reapplied.push(problem.logicalId);
  }
  const byStack = new Map<string, Set<string>>();
  for (const problem of problems.filter((p) => p.finding.fix === 'recreate')) {
    const ids = byStack.get(problem.stackName) ?? new Set<string>();
    ids.add(problem.logicalId);
    for (const id of companions(deployer, problem)) ids.add(id);
    byStack.set(problem.stackName, ids);
  }
  for (const [stackName, ids] of byStack) {
    await deployer.rebuildResources(stackName, [...ids], onEvent);
    recreated.push(...ids);
  }
  for (const problem of problems) {
    const kind = driftKindOf(problem);
    if (kind && problem.finding.fix !== 'restore') drift.forget(kind, driftNameOf(problem));
  }
  return { reapplied, recreated, refused };
}
