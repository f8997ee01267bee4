import type { DynamoDbContext, OperationHandler } from './context.ts';
import { describeContinuousBackups, updateContinuousBackups } from './continuous-backups.ts';
import { createTable } from './create-table.ts';
import { deleteTable } from './delete-table.ts';
import { describeTable } from './describe-table.ts';
import { describeTimeToLive } from './describe-time-to-live.ts';
import { type DynaliteOperation, runDynaliteOperation } from './dynalite-engine.ts';
import { notEmulated } from './errors.ts';
import { listTables } from './list-tables.ts';
import { transactGetItems } from './transact-get-items.ts';
import { transactWriteItems } from './transact-write-items.ts';
import { updateTable } from './update-table.ts';
import { updateTimeToLive } from './update-time-to-live.ts';

const passThrough =
  (op: DynaliteOperation): OperationHandler =>
  (ctx, input) =>
    runDynaliteOperation(ctx.store, op, input);

/**
 * Every DynamoDB operation the engine answers, wire and in-process alike. Table control-plane
 * operations have their own file; item operations go to dynalite unchanged.
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
  TagResource: passThrough('TagResource'),
  UntagResource: passThrough('UntagResource'),
  ListTagsOfResource: passThrough('ListTagsOfResource'),
  PutItem: passThrough('PutItem'),
  GetItem: passThrough('GetItem'),
  UpdateItem: passThrough('UpdateItem'),
  DeleteItem: passThrough('DeleteItem'),
  BatchGetItem: passThrough('BatchGetItem'),
  BatchWriteItem: passThrough('BatchWriteItem'),
  Query: passThrough('Query'),
  Scan: passThrough('Scan'),
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
};

/** Operations that must run alone (see exclusive-gate.ts). */
export const EXCLUSIVE_OPERATIONS: ReadonlySet<string> = new Set(['TransactWriteItems', 'TransactGetItems']);

export const isSupportedOperation = (name: string): boolean => Object.hasOwn(OPERATIONS, name);

/** Runs `operation`; one the engine does not emulate is an UnknownOperationException naming it. */
export function dispatch(
  ctx: DynamoDbContext,
  operation: string,
  input: Record<string, unknown>,
): Promise<unknown> {
  const handler = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  if (!handler) return Promise.reject(notEmulated(operation, Object.keys(OPERATIONS).sort()));
  return handler(ctx, input);
}
