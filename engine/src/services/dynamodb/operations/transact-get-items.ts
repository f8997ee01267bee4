import type { OperationHandler } from '../context.ts';
import { runDynaliteOperation } from '../dynalite-engine.ts';
import { readTransactItems } from '../transact-items.ts';

/**
 * TransactGetItems: up to 100 reads seen as one snapshot (the exclusive gate keeps writes out
 * while they run). A missing item is an empty response entry, in request order.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
 */
export const transactGetItems: OperationHandler = async (ctx, input) => {
  const actions = readTransactItems(input, ['Get']);
  const responses: Record<string, unknown>[] = [];
  for (const action of actions) {
    const got = (await runDynaliteOperation(ctx.store, 'GetItem', {
      ...action.request,
      TableName: action.table,
      ConsistentRead: true,
    })) as { Item?: Record<string, unknown> };
    responses.push(got.Item ? { Item: got.Item } : {});
  }
  return { Responses: responses };
};
