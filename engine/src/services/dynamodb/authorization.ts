/**
 * What IAM must allow for one DynamoDB request, read from its parsed input: the action
 * (`dynamodb:<Operation>`) and every resource it touches, one check each.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
 */
import type { AuthorizationTarget } from '../../protocol/service-entry.ts';
import { isRecord } from './context.ts';

/** The Region and account a request's ARNs are built in (the credential scope's Region). */
export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
}

/** A table named by name or by ARN; an ARN is checked as the caller gave it. */
const tableArn = (scope: ArnScope, table: string): string =>
  table.startsWith('arn:') ? table : `arn:aws:dynamodb:${scope.region}:${scope.accountId}:table/${table}`;

/**
 * Transactions have no IAM action of their own: each item needs the action of what it does, on
 * its table. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html
 */
const TRANSACT_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

/**
 * The IAM checks of one request, without duplicates: batch operations once per table of
 * `RequestItems`; TransactWriteItems/TransactGetItems once per (item action, table); a Query or
 * Scan on an index on the index ARN (`table/T/index/I`); tagging on `ResourceArn`; anything else
 * on its `TableName`. An operation that names no resource (ListTables), or malformed input the
 * service will refuse with its own ValidationException, is checked on `*`.
 */
export function dynamoDbAuthorizationTargets(
  operation: string,
  input: Record<string, unknown>,
  scope: ArnScope,
): AuthorizationTarget[] {
  const action = `dynamodb:${operation}`;
  const targets = new Map<string, AuthorizationTarget>();
  const add = (targetAction: string, resource: string): void => {
    targets.set(`${targetAction} ${resource}`, { action: targetAction, resource });
  };
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    for (const item of Array.isArray(input.TransactItems) ? input.TransactItems : []) {
      if (!isRecord(item)) continue;
      for (const [kind, request] of Object.entries(item)) {
        const itemAction = Object.hasOwn(TRANSACT_ACTIONS, kind) ? TRANSACT_ACTIONS[kind] : undefined;
        if (itemAction && isRecord(request) && typeof request.TableName === 'string')
          add(itemAction, tableArn(scope, request.TableName));
      }
    }
  } else if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    const items = isRecord(input.RequestItems) ? Object.keys(input.RequestItems) : [];
    for (const table of items) add(action, tableArn(scope, table));
  } else if (
    operation === 'TagResource' ||
    operation === 'UntagResource' ||
    operation === 'ListTagsOfResource'
  ) {
    if (typeof input.ResourceArn === 'string') add(action, input.ResourceArn);
  } else if (typeof input.TableName === 'string') {
    const table = tableArn(scope, input.TableName);
    const onIndex = (operation === 'Query' || operation === 'Scan') && typeof input.IndexName === 'string';
    add(action, onIndex ? `${table}/index/${String(input.IndexName)}` : table);
  }
  return targets.size > 0 ? [...targets.values()] : [{ action, resource: '*' }];
}
