import type { DynamoDbContext } from '../context.ts';
import { type OperationHandler, tableNameOf } from '../context.ts';
import { runDynaliteOperation } from '../dynalite-engine.ts';

/** The answer of both continuous-backups operations: the recorded point-in-time recovery setting. */
export function continuousBackupsDescription(ctx: DynamoDbContext, tableName: string): unknown {
  const pitr = ctx.settings.get(tableName).pointInTimeRecovery;
  return {
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: pitr?.enabled
        ? { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: pitr.recoveryPeriodInDays ?? 35 }
        : { PointInTimeRecoveryStatus: 'DISABLED' },
    },
  };
}

/**
 * DescribeContinuousBackups: reports the recorded point-in-time recovery setting (no backups are
 * actually kept). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeContinuousBackups.html
 */
export const describeContinuousBackups: OperationHandler = async (ctx, input) => {
  const tableName = tableNameOf(input);
  await runDynaliteOperation(ctx.store, 'DescribeTable', { TableName: tableName });
  return continuousBackupsDescription(ctx, tableName);
};
