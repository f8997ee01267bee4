import { type OperationHandler, tableNameOf } from '../context.ts';
import { runDynaliteOperation } from '../dynalite-engine.ts';

/**
 * DescribeTimeToLive from the recorded specification (dynalite always answers DISABLED).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html
 */
export const describeTimeToLive: OperationHandler = async (ctx, input) => {
  const tableName = tableNameOf(input);
  await runDynaliteOperation(ctx.store, 'DescribeTable', { TableName: tableName });
  const ttl = ctx.settings.get(tableName).timeToLive;
  return {
    TimeToLiveDescription: ttl?.enabled
      ? { TimeToLiveStatus: 'ENABLED', AttributeName: ttl.attributeName }
      : { TimeToLiveStatus: 'DISABLED' },
  };
};
