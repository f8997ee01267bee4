/** Change set lookup: by ARN alone, or by name within a stack (name or id). */

import { cloudformationErrors } from './errors.ts';
import type { CloudFormationService } from './service.ts';
import type { ChangeSetRecord } from './store.ts';

export function findChangeSet(
  api: CloudFormationService,
  nameOrArn: string,
  stackName: string | undefined,
): ChangeSetRecord {
  const all = api.records.changeSets();
  if (nameOrArn.startsWith('arn:')) {
    const found = all.find((c) => c.changeSetId === nameOrArn);
    if (!found) throw cloudformationErrors.changeSetNotFound(nameOrArn);
    return found;
  }
  if (stackName === undefined)
    throw cloudformationErrors.validation(
      'StackName must be specified if ChangeSetName is not specified as an ARN.',
    );
  const found = all.find(
    (c) => c.changeSetName === nameOrArn && (c.stackName === stackName || c.stackId === stackName),
  );
  if (!found) throw cloudformationErrors.changeSetNotFound(nameOrArn);
  return found;
}

/** The wire shape of a change set's Changes. */
export function changesShape(record: ChangeSetRecord) {
  return record.changes.map((c) => ({
    Type: 'Resource',
    ResourceChange: {
      PolicyAction: c.policyAction,
      Action: c.action,
      LogicalResourceId: c.logicalId,
      PhysicalResourceId: c.physicalId,
      ResourceType: c.resourceType,
      Replacement: c.replacement,
      Scope: c.action === 'Modify' ? c.scope : undefined,
      Details:
        c.action === 'Modify'
          ? c.details.map((d) => ({
              Target: {
                Attribute: d.target.attribute,
                Name: d.target.name,
                RequiresRecreation: d.target.requiresRecreation,
              },
              Evaluation: d.evaluation,
              ChangeSource: d.changeSource,
              CausingEntity: d.causingEntity,
            }))
          : undefined,
    },
  }));
}
