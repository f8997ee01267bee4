import { isRecord, type OperationHandler, tableNameOf } from '../context.ts';
import { runDynaliteOperation } from '../dynalite-engine.ts';
import { dynamoDbErrors } from '../errors.ts';

/**
 * UpdateTimeToLive (dynalite has no TTL): records the specification; the TTL sweeper deletes
 * expired items. AWS takes up to an hour to apply a change; here it applies at once.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
 */
export const updateTimeToLive: OperationHandler = async (ctx, input) => {
  const tableName = tableNameOf(input);
  const spec = input.TimeToLiveSpecification;
  if (!isRecord(spec)) {
    throw dynamoDbErrors.validation(
      "The parameter 'TimeToLiveSpecification' is required but was not present in the request",
    );
  }
  const { AttributeName, Enabled } = spec;
  if (typeof Enabled !== 'boolean')
    throw dynamoDbErrors.validation('TimeToLiveSpecification.Enabled must be a boolean');
  if (typeof AttributeName !== 'string' || AttributeName.length < 1 || AttributeName.length > 255) {
    throw dynamoDbErrors.validation('TimeToLiveSpecification.AttributeName must be 1 to 255 characters');
  }
  // Fails with ResourceNotFoundException, worded by dynalite, when the table does not exist.
  await runDynaliteOperation(ctx.store, 'DescribeTable', { TableName: tableName });
  const current = ctx.settings.get(tableName).timeToLive;
  // Wording as DynamoDB returns it (UNCONFIRMED against the API reference; seen in SDK issue threads).
  if (Enabled && current?.enabled) throw dynamoDbErrors.validation('TimeToLive is already enabled');
  if (!Enabled && !current?.enabled) throw dynamoDbErrors.validation('TimeToLive is already disabled');
  ctx.settings.update(tableName, { timeToLive: { attributeName: AttributeName, enabled: Enabled } });
  return { TimeToLiveSpecification: { AttributeName, Enabled } };
};
