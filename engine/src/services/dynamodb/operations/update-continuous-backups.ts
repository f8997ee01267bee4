import { isRecord, type OperationHandler, tableNameOf } from '../context.ts';
import { runDynaliteOperation } from '../dynalite-engine.ts';
import { dynamoDbErrors } from '../errors.ts';
import { continuousBackupsDescription } from './describe-continuous-backups.ts';

/**
 * UpdateContinuousBackups: records `PointInTimeRecoveryEnabled` and `RecoveryPeriodInDays` (1-35).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
 */
export const updateContinuousBackups: OperationHandler = async (ctx, input) => {
  const tableName = tableNameOf(input);
  const spec = input.PointInTimeRecoverySpecification;
  if (!isRecord(spec) || typeof spec.PointInTimeRecoveryEnabled !== 'boolean') {
    throw dynamoDbErrors.validation(
      'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled must be a boolean',
    );
  }
  const days = spec.RecoveryPeriodInDays;
  if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 35)) {
    throw dynamoDbErrors.validation('RecoveryPeriodInDays must be an integer from 1 to 35');
  }
  await runDynaliteOperation(ctx.store, 'DescribeTable', { TableName: tableName });
  ctx.settings.update(tableName, {
    pointInTimeRecovery: {
      enabled: spec.PointInTimeRecoveryEnabled,
      ...(typeof days === 'number' && { recoveryPeriodInDays: days }),
    },
  });
  return continuousBackupsDescription(ctx, tableName);
};
