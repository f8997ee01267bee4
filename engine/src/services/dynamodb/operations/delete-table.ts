import { type OperationHandler, tableNameOf } from '../context.ts';
import { runDynaliteOperation } from '../dynalite-engine.ts';
import { decorateDescription } from '../table-description.ts';

/**
 * DeleteTable: dynalite drops the items and indexes; this drops the settings it does not keep.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html
 */
export const deleteTable: OperationHandler = async (ctx, input) => {
  const tableName = tableNameOf(input);
  const result = (await runDynaliteOperation(ctx.store, 'DeleteTable', {
    ...input,
    TableName: tableName,
  })) as {
    TableDescription: unknown;
  };
  const description = decorateDescription(ctx, result.TableDescription);
  ctx.settings.delete(tableName);
  return { TableDescription: description };
};
