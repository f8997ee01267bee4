import { type DynamoDbContext, type OperationHandler, withTableNameFromArn } from './context.ts';
import { type DynaliteOperation, runDynaliteOperation } from './dynalite-engine.ts';
import { dynamoDbErrors } from './errors.ts';
import { createTable } from './operations/create-table.ts';
import { deleteTable } from './operations/delete-table.ts';
import { describeContinuousBackups } from './operations/describe-continuous-backups.ts';
import { describeTable } from './operations/describe-table.ts';
import { describeTimeToLive } from './operations/describe-time-to-live.ts';
import { listTables } from './operations/list-tables.ts';
import { transactGetItems } from './operations/transact-get-items.ts';
import { transactWriteItems } from './operations/transact-write-items.ts';
import { updateContinuousBackups } from './operations/update-continuous-backups.ts';
import { updateTable } from './operations/update-table.ts';
import { updateTimeToLive } from './operations/update-time-to-live.ts';

/**
 * An item or tagging operation run by dynalite as it is: its input rules and behaviour are
 * dynalite's own (dynalite/validations/*.js, dynalite/actions/*.js), so it has no file here.
 */
const byDynalite =
  (op: DynaliteOperation): OperationHandler =>
  (ctx, input, inputOwned) =>
    runDynaliteOperation(ctx.store, op, input, inputOwned);

/**
 * Every DynamoDB operation the engine answers, wire and in-process alike. Table control-plane
 * operations and transactions have their own file in operations/; item operations are dynalite's.
 */
const OPERATIONS: Readonly<Record<string, OperationHandler>> = {
  CreateTable: createTable,
  DescribeTable: describeTable,
  UpdateTable: updateTable,
  DeleteTable: deleteTable,
  UpdateTimeToLive: updateTimeToLive,
  DescribeTimeToLive: describeTimeToLive,
  DescribeContinuousBackups: describeContinuousBackups,
  UpdateContinuousBackups: updateContinuousBackups,
  ListTables: listTables,
  TagResource: byDynalite('TagResource'),
  UntagResource: byDynalite('UntagResource'),
  ListTagsOfResource: byDynalite('ListTagsOfResource'),
  PutItem: byDynalite('PutItem'),
  GetItem: byDynalite('GetItem'),
  UpdateItem: byDynalite('UpdateItem'),
  DeleteItem: byDynalite('DeleteItem'),
  BatchGetItem: byDynalite('BatchGetItem'),
  BatchWriteItem: byDynalite('BatchWriteItem'),
  Query: byDynalite('Query'),
  Scan: byDynalite('Scan'),
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
};

/** Operations that must run alone (see exclusive-gate.ts). */
export const EXCLUSIVE_OPERATIONS: ReadonlySet<string> = new Set(['TransactWriteItems', 'TransactGetItems']);

export const isSupportedOperation = (name: string): boolean => Object.hasOwn(OPERATIONS, name);

/** Runs `operation`; one the engine does not emulate is an UnknownOperationException naming it. */
export function runOperation(
  ctx: DynamoDbContext,
  operation: string,
  input: Record<string, unknown>,
  inputOwned = false,
): Promise<unknown> {
  const handler = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  if (!handler) return Promise.reject(dynamoDbErrors.notEmulated(operation, Object.keys(OPERATIONS).sort()));
  return handler(ctx, withTableNameFromArn(input), inputOwned);
}
