import { type AccountContext, arn } from '../../runtime/account.ts';
import { isRecord } from './context.ts';

/** What IAM must allow for one DynamoDB request: the action and every resource it touches. */
export interface AuthorizationTarget {
  readonly action: string;
  readonly resources: readonly string[];
}

const tableArn = (account: AccountContext, name: string): string =>
  name.startsWith('arn:') ? name : arn(account, 'dynamodb', `table/${name}`);

/**
 * The IAM action (`dynamodb:<Operation>`) and resource ARNs for a DynamoDB request, so the edge can
 * call `IamService.authorize` once per resource. Batch operations name each table in RequestItems;
 * a Query or Scan on an index is authorized on the index ARN (`table/T/index/I`); ListTables on `*`.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
 */
export function dynamoDbAuthorizationTarget(
  account: AccountContext,
  operation: string,
  input: Record<string, unknown>,
): AuthorizationTarget {
  const action = `dynamodb:${operation}`;
  if (operation === 'ListTables') return { action, resources: ['*'] };
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    const items = isRecord(input.RequestItems) ? Object.keys(input.RequestItems) : [];
    return { action, resources: items.map((name) => tableArn(account, name)) };
  }
  if (operation === 'TagResource' || operation === 'UntagResource' || operation === 'ListTagsOfResource') {
    return { action, resources: typeof input.ResourceArn === 'string' ? [input.ResourceArn] : [] };
  }
  if (typeof input.TableName !== 'string') return { action, resources: [] };
  const table = tableArn(account, input.TableName);
  const index = (operation === 'Query' || operation === 'Scan') && typeof input.IndexName === 'string';
  return { action, resources: [index ? `${table}/index/${input.IndexName}` : table] };
}
