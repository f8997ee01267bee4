import type { DynamoDbContext } from './context.ts';
import { isRecord, type OperationHandler, tableNameOf } from './context.ts';
import { runDynaliteOperation } from './dynalite-engine.ts';
import { validationError } from './errors.ts';

function describe(ctx: DynamoDbContext, tableName: string): unknown {
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
  return describe(ctx, tableName);
};

/**
 * UpdateContinuousBackups: records `PointInTimeRecoveryEnabled` and `RecoveryPeriodInDays` (1-35).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
 */
export const updateContinuousBackups: OperationHandler = async (ctx, input) => {
  const tableName = tableNameOf(input);
  const spec = input.PointInTimeRecoverySpecification;
  if (!isRecord(spec) || typeof spec.PointInTimeRecoveryEnabled !== 'boolean') {
    throw validationError('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled must be a boolean');
  }
  const days = spec.RecoveryPeriodInDays;
  if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 35)) {
    throw validationError('RecoveryPeriodInDays must be an integer from 1 to 35');
  }
  await runDynaliteOperation(ctx.store, 'DescribeTable', { TableName: tableName });
  ctx.settings.update(tableName, {
    pointInTimeRecovery: {
      enabled: spec.PointInTimeRecoveryEnabled,
      ...(typeof days === 'number' && { recoveryPeriodInDays: days }),
    },
  });
  return describe(ctx, tableName);
};
