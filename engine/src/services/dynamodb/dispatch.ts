import type { DynamoDbContext, OperationHandler } from './context.ts';
import { describeContinuousBackups, updateContinuousBackups } from './continuous-backups.ts';
import { createTable } from './create-table.ts';
import { deleteTable } from './delete-table.ts';
import { describeTable } from './describe-table.ts';
import { describeTimeToLive } from './describe-time-to-live.ts';
import { type DynaliteOperation, runDynaliteOperation } from './dynalite-engine.ts';
import { DynamoDbError } from './errors.ts';
import { listTables } from './list-tables.ts';
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
};

export const isSupportedOperation = (name: string): boolean => Object.hasOwn(OPERATIONS, name);

/** Runs `operation`; an operation the engine does not know is an UnknownOperationException. */
export function dispatch(
  ctx: DynamoDbContext,
  operation: string,
  input: Record<string, unknown>,
): Promise<unknown> {
  const handler = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  if (!handler) {
    return Promise.reject(
      new DynamoDbError('UnknownOperationException', `Unsupported operation: ${operation}`, 400, {
        __type: 'com.amazon.coral.service#UnknownOperationException',
      }),
    );
  }
  return handler(ctx, input);
}
