import type { DeployRequest, Engine, PlannedChange } from '../../../engine/src/index.ts';

/**
 * The change set the dev loop prints before applying a template: the engine's read-only preview,
 * built on the same decision rules the update applies (deploy/plan.ts). The single place the dev
 * loop computes changes, so a fuller change-set computation can be swapped in here.
 */
export function computeStackChanges(engine: Engine, request: DeployRequest): PlannedChange[] {
  return engine.previewChanges(request);
}
