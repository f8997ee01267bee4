import type { TablePlan } from './cfn-table-mapper.ts';
import type { DynamoDbService } from './dynamodb-service.ts';
import type { TableDescriptionJson } from './table-description.ts';

/**
 * Creates a table from a {@link TablePlan} the way CloudFormation does: CreateTable, wait for
 * ACTIVE, then UpdateTimeToLive and UpdateContinuousBackups; all through the service's public
 * operations. Resolves with the ACTIVE table's description (for `Ref`, `Arn`, `StreamArn`).
 */
export async function applyTablePlan(
  service: DynamoDbService,
  plan: TablePlan,
): Promise<TableDescriptionJson> {
  const tableName = plan.createTable.TableName;
  if (!tableName) throw new Error('TablePlan.createTable.TableName is required');
  await service.createTable(plan.createTable);
  await service.waitUntilActive(tableName);
  if (plan.timeToLive)
    await service.updateTimeToLive({ TableName: tableName, TimeToLiveSpecification: plan.timeToLive });
  if (plan.pointInTimeRecovery) {
    await service.updatePointInTimeRecovery(
      tableName,
      plan.pointInTimeRecovery.enabled,
      plan.pointInTimeRecovery.recoveryPeriodInDays,
    );
  }
  return service.describeTable(tableName);
}
