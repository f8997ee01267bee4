import { isRecord, type OperationHandler } from '../context.ts';
import { type DynaliteStore, runDynaliteOperation } from '../dynalite-engine.ts';
import { type CancellationReason, DynamoDbError, dynamoDbErrors } from '../errors.ts';
import { readTransactItems, type TransactAction } from '../transact-items.ts';

/**
 * TransactWriteItems: every Put, Update, Delete and ConditionCheck succeeds, or none does.
 * dynalite has no transactions, so the engine runs one under its exclusive gate (no other
 * DynamoDB request runs meanwhile): read each item's current value, apply each action with its
 * condition through dynalite, and on any failure put every touched item back as it was.
 * Conditions are judged against the state before the transaction (no two actions may name the
 * same item, so earlier actions cannot change what a later condition sees).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
type Item = Record<string, unknown>;

interface Planned extends TransactAction {
  readonly key: Item;
  readonly before: Item | undefined;
}

const CONDITION_FAILED = 'ConditionalCheckFailedException';

async function keyAttributes(store: DynaliteStore, table: string): Promise<string[]> {
  const described = (await runDynaliteOperation(store, 'DescribeTable', { TableName: table })) as {
    Table: { KeySchema: { AttributeName: string }[] };
  };
  return described.Table.KeySchema.map((k) => k.AttributeName);
}

async function plan(store: DynaliteStore, actions: readonly TransactAction[]): Promise<Planned[]> {
  const schemas = new Map<string, string[]>();
  const seen = new Set<string>();
  const planned: Planned[] = [];
  for (const action of actions) {
    let names = schemas.get(action.table);
    if (!names) {
      names = await keyAttributes(store, action.table);
      schemas.set(action.table, names);
    }
    const source = action.kind === 'Put' ? action.request.Item : action.request.Key;
    if (!isRecord(source))
      throw dynamoDbErrors.validation(
        `${action.kind} on ${action.table} needs ${action.kind === 'Put' ? 'Item' : 'Key'}`,
      );
    const key: Item = {};
    for (const name of names) {
      if (source[name] === undefined)
        throw dynamoDbErrors.validation(
          `The provided key element does not match the schema (${action.table} needs ${name})`,
        );
      key[name] = source[name];
    }
    const identity = `${action.table}\u0000${JSON.stringify(names.map((n) => key[n]))}`;
    if (seen.has(identity))
      throw dynamoDbErrors.validation('Transaction request cannot include multiple operations on one item');
    seen.add(identity);
    const got = (await runDynaliteOperation(store, 'GetItem', {
      TableName: action.table,
      Key: key,
      ConsistentRead: true,
    })) as { Item?: Item };
    planned.push({ ...action, key, before: got.Item });
  }
  return planned;
}

/** The action as the single-item operation dynalite runs (ConditionCheck: a conditional delete, undone after). */
function singleItemRequest(action: Planned): ['PutItem' | 'UpdateItem' | 'DeleteItem', Item] {
  const { ReturnValuesOnConditionCheckFailure: _ignored, ...request } = action.request;
  if (action.kind === 'Put') return ['PutItem', request];
  if (action.kind === 'Update') return ['UpdateItem', request];
  if (action.kind === 'Delete') return ['DeleteItem', request];
  return ['DeleteItem', { ...request, Key: action.key }];
}

async function restore(store: DynaliteStore, applied: readonly Planned[]): Promise<void> {
  for (const action of [...applied].reverse()) {
    if (action.before)
      await runDynaliteOperation(store, 'PutItem', { TableName: action.table, Item: action.before });
    else await runDynaliteOperation(store, 'DeleteItem', { TableName: action.table, Key: action.key });
  }
}

export const transactWriteItems: OperationHandler = async (ctx, input) => {
  const actions = readTransactItems(input, ['ConditionCheck', 'Put', 'Delete', 'Update']);
  const planned = await plan(ctx.store, actions);
  const applied: Planned[] = [];
  const reasons: CancellationReason[] = [];
  let failure: unknown;
  for (const action of planned) {
    const [operation, request] = singleItemRequest(action);
    try {
      await runDynaliteOperation(ctx.store, operation, request);
      applied.push(action);
      reasons.push({ Code: 'None' });
    } catch (error) {
      applied.push(action);
      if (error instanceof DynamoDbError && error.code === CONDITION_FAILED) {
        const wantsItem = action.request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && action.before;
        reasons.push({
          Code: 'ConditionalCheckFailed',
          Message: 'The conditional request failed',
          ...(wantsItem ? { Item: action.before } : {}),
        });
      } else {
        failure = error;
        break;
      }
    }
  }
  const conditionFailed = reasons.some((r) => r.Code !== 'None');
  // A ConditionCheck never changes anything; undo it with the rest (it ran as a conditional delete).
  const toRestore =
    failure !== undefined || conditionFailed ? applied : applied.filter((a) => a.kind === 'ConditionCheck');
  await restore(ctx.store, toRestore);
  if (failure !== undefined) throw failure;
  if (conditionFailed) throw dynamoDbErrors.transactionCanceled(reasons);
  return {};
};
