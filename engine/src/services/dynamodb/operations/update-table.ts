import { type OperationHandler, rejectStreams, tableNameOf } from '../context.ts';
import { runDynaliteOperation } from '../dynalite-engine.ts';
import { decorateDescription } from '../table-description.ts';
import { parseSseSpecification } from './create-table.ts';
import { describeTable } from './describe-table.ts';

const DYNALITE_UPDATE_FIELDS = [
  'ProvisionedThroughput',
  'BillingMode',
  'GlobalSecondaryIndexUpdates',
] as const;

/**
 * UpdateTable: throughput, billing mode and index changes go to dynalite; an SSESpecification
 * change (which dynalite ignores) is recorded here.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
 */
export const updateTable: OperationHandler = async (ctx, input) => {
  const tableName = tableNameOf(input);
  rejectStreams(input);
  const sse = parseSseSpecification(input.SSESpecification);
  const { SSESpecification: _recordedHere, ...rest } = input;
  const forDynalite = DYNALITE_UPDATE_FIELDS.some((field) => rest[field] !== undefined);
  if (!forDynalite && sse === undefined) {
    // Let dynalite word the "at least one of ..." validation error.
    return runDynaliteOperation(ctx.store, 'UpdateTable', { ...rest, TableName: tableName });
  }
  const result = forDynalite
    ? ((await runDynaliteOperation(ctx.store, 'UpdateTable', { ...rest, TableName: tableName })) as {
        TableDescription: unknown;
      })
    : {
        TableDescription: ((await describeTable(ctx, { TableName: tableName })) as { Table: unknown }).Table,
      };
  if (sse !== undefined) ctx.settings.update(tableName, { sse });
  return { TableDescription: decorateDescription(ctx, result.TableDescription) };
};
