import { type OperationHandler, tableNameOf } from '../context.ts';
import { runDynaliteOperation } from '../dynalite-engine.ts';
import { decorateDescription } from '../table-description.ts';

/** DescribeTable. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html */
export const describeTable: OperationHandler = async (ctx, input) => {
  const result = (await runDynaliteOperation(ctx.store, 'DescribeTable', {
    ...input,
    TableName: tableNameOf(input),
  })) as { Table: unknown };
  return { Table: decorateDescription(ctx, result.Table) };
};
