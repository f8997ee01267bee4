import type { StackDeployer } from '../../deploy/stack-deployer.ts';
import { queueNameOfUrl } from '../../runtime/arn.ts';
import type { EngineServices } from '../engine-services.ts';
import type { DriftJournal, DriftKind, DriftRecord } from './drift-journal.ts';
import { RESOURCE_CHECKS, type ResourceFinding } from './resource-checks.ts';

/** One recorded resource that its service's store does not hold as recorded. */
export interface StateProblem {
  readonly stackName: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly physicalId: string;
  readonly finding: ResourceFinding;
  /** Set when the resource was deleted through the AWS endpoint: drift, not damage. */
  readonly drift?: DriftRecord;
}

const DRIFT_KIND: Readonly<Record<string, DriftKind>> = {
  'AWS::DynamoDB::Table': 'table',
  'AWS::SQS::Queue': 'queue',
  'AWS::S3::Bucket': 'bucket',
};

/** The name a drift record carries for a resource (queues are recorded by name, stacks hold URLs). */
const driftName = (type: string, physicalId: string): string =>
  type === 'AWS::SQS::Queue' ? queueNameOfUrl(physicalId) : physicalId;

/**
 * Checks that every resource the stacks record (created or updated successfully) exists in its
 * service's store with its recorded settings. Read-only: nothing is created, changed or removed.
 */
export async function findStateProblems(
  deployer: StackDeployer,
  services: EngineServices,
  drift: DriftJournal,
): Promise<StateProblem[]> {
  const problems: StateProblem[] = [];
  // A stack with an interrupted operation is expected to differ from its record (a delete done but
  // not yet recorded, a create under way): the journal's resume reconciles it after start-up.
  const interrupted = deployer.interruptedStacks();
  for (const stack of deployer.describeStacks()) {
    if (interrupted.has(stack.stackName)) continue;
    for (const resource of deployer.listStackResources(stack.stackName)) {
      const check = RESOURCE_CHECKS[resource.resourceType];
      if (!check || !resource.physicalId || !resource.status.endsWith('COMPLETE')) continue;
      if (resource.status.startsWith('DELETE')) continue;
      const properties = deployer.resourceProperties(stack.stackName, resource.logicalId);
      const finding = await check(services, resource.physicalId, properties);
      if (!finding) continue;
      const kind = DRIFT_KIND[resource.resourceType];
      const deleted =
        kind && finding.fix === 'recreate'
          ? drift.find(kind, driftName(resource.resourceType, resource.physicalId))
          : undefined;
      problems.push({
        stackName: stack.stackName,
        logicalId: resource.logicalId,
        resourceType: resource.resourceType,
        physicalId: resource.physicalId,
        finding,
        ...(deleted ? { drift: deleted } : {}),
      });
    }
  }
  return problems;
}

export const driftKindOf = (problem: StateProblem): DriftKind | undefined => DRIFT_KIND[problem.resourceType];
export const driftNameOf = (problem: StateProblem): string =>
  driftName(problem.resourceType, problem.physicalId);
