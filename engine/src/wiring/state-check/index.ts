import type { StackDeployer } from '../../deploy/stack-deployer.ts';
import type { StackEvent } from '../../deploy/types.ts';
import type { ServiceMap } from '../../protocol/index.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { EngineServices } from '../engine-services.ts';
import { withDriftRecording } from './drift-hooks.ts';
import { DriftJournal } from './drift-journal.ts';
import { stateProblemsMessage } from './messages.ts';
import { refuseOrphanedState } from './orphaned-state.ts';
import { type RepairOutcome, repairStackState } from './repair-stack-state.ts';
import { findStateProblems, type StateProblem } from './verify-stack-state.ts';

export { driftMessage, explainStartFailure, isRebuildable } from './messages.ts';
export type { RepairOutcome } from './repair-stack-state.ts';
export type { StateProblem } from './verify-stack-state.ts';

/** The start-up check of one engine: what it found, and the means to record drift and repair. */
export interface StateCheck {
  /** Resources deleted through the AWS endpoint that a stack still records. */
  readonly drifted: readonly StateProblem[];
  /** Everything else that does not match (only ever non-empty in repair mode). */
  readonly damaged: readonly StateProblem[];
  recordDrift(map: ServiceMap): ServiceMap;
  /** Re-creates or re-applies `problems` (default: all found) from the recorded templates. */
  repair(problems?: readonly StateProblem[], onEvent?: (event: StackEvent) => void): Promise<RepairOutcome>;
  /** Checks again (after a repair). */
  recheck(): Promise<readonly StateProblem[]>;
}

/**
 * Verifies every resource the stacks record against its service's store, before any listener
 * serves. Damage refuses the start (unless `repair`), naming the file, what is wrong, the resource
 * and the way out; drift (a delete through the endpoint) is reported to the caller instead.
 */
export async function checkStackState(
  options: { readonly dataDir: string; readonly repair?: boolean; readonly requireStackRecord?: boolean },
  deployer: StackDeployer,
  services: EngineServices,
  clock: Clock,
): Promise<StateCheck> {
  if (options.requireStackRecord) await refuseOrphanedState(options.dataDir, services);
  const drift = new DriftJournal(options.dataDir);
  const problems = await findStateProblems(deployer, services, drift);
  const damaged = problems.filter((p) => !p.drift);
  if (damaged.length > 0 && !options.repair) throw new Error(stateProblemsMessage(damaged, options.dataDir));
  return {
    drifted: problems.filter((p) => p.drift),
    damaged,
    recordDrift: (map) => withDriftRecording(map, services, drift, clock),
    repair: (chosen = problems, onEvent) => repairStackState(deployer, drift, chosen, onEvent),
    recheck: () => findStateProblems(deployer, services, drift),
  };
}
