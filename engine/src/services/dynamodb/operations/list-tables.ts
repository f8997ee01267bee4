import type { OperationHandler } from '../context.ts';
import { listTableNames } from '../dynalite-engine.ts';
import { dynamoDbErrors } from '../errors.ts';

/**
 * ListTables over the table keys only (see {@link listTableNames}), paged like DynamoDB: at most
 * `Limit` (1-100, default 100) names after `ExclusiveStartTableName`, and `LastEvaluatedTableName`
 * when more may follow. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html
 */
export const listTables: OperationHandler = async (ctx, input) => {
  const { Limit, ExclusiveStartTableName: start } = input;
  if (
    Limit !== undefined &&
    (typeof Limit !== 'number' || !Number.isInteger(Limit) || Limit < 1 || Limit > 100)
  ) {
    throw dynamoDbErrors.validation(
      `1 validation error detected: Value '${String(Limit)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100`,
    );
  }
  if (start !== undefined && (typeof start !== 'string' || !/^[a-zA-Z0-9_.-]{3,255}$/.test(start))) {
    throw dynamoDbErrors.validation('ExclusiveStartTableName must be a valid table name');
  }
  const limit = Limit ?? 100;
  // One more than asked tells whether a next page exists.
  const names = await listTableNames(ctx.store, start, limit + 1);
  const page = names.slice(0, limit);
  return names.length > limit
    ? { TableNames: page, LastEvaluatedTableName: page[page.length - 1] }
    : { TableNames: page };
};
