/**
 * The IAM action and resource of a DynamoDB request, read from the buffered JSON body, because
 * dynalite (a raw pass-through) has no hook for the check.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
 */
import type { AuthorizationTarget, RawRequestView, RawServiceEntry } from './service-map.ts';

export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810';

const tableArn = (req: RawRequestView, table: string): string =>
  `arn:aws:dynamodb:${req.region}:${req.accountId}:table/${table}`;

const parse = (body: Buffer): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * `dynamodb:<Operation>` on `arn:...:table/<TableName>`; batch and transact operations are checked
 * once per table they name, as AWS does. Operations without a table (ListTables) are checked
 * against `*`.
 */
export function dynamodbAuthorizationTarget(req: RawRequestView): readonly AuthorizationTarget[] | undefined {
  const target = req.headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(`${DYNAMODB_TARGET_PREFIX}.`)) return undefined;
  const operation = target.slice(DYNAMODB_TARGET_PREFIX.length + 1);
  const body = parse(req.body);
  if (!operation || !body) return undefined;
  const action = `dynamodb:${operation}`;
  const tables = typeof body.TableName === 'string' ? [body.TableName] : tableNames(body);
  return tables.length === 0
    ? [{ action, resource: '*' }]
    : [...new Set(tables)].map((table) => ({ action, resource: tableArn(req, table) }));
}

/** Tables named by BatchGetItem/BatchWriteItem (`RequestItems`) or TransactGet/WriteItems. */
function tableNames(body: Record<string, unknown>): string[] {
  const items = body.RequestItems;
  if (typeof items === 'object' && items !== null && !Array.isArray(items)) return Object.keys(items);
  const transact = body.TransactItems;
  if (!Array.isArray(transact)) return [];
  const names: string[] = [];
  for (const item of transact) {
    if (typeof item !== 'object' || item === null) continue;
    for (const op of Object.values(item)) {
      if (typeof op === 'object' && op !== null && 'TableName' in op && typeof op.TableName === 'string') {
        names.push(op.TableName);
      }
    }
  }
  return names;
}

/** The service-map entry for dynalite's request listener. */
export function dynamodbRawEntry(handler: RawServiceEntry['handler']): RawServiceEntry {
  return {
    kind: 'raw',
    handler,
    errorFormat: { protocol: 'json', version: '1.0', errorNamespace: 'com.amazonaws.dynamodb.v20120810' },
    targetPrefixes: [DYNAMODB_TARGET_PREFIX],
    authorizationTarget: dynamodbAuthorizationTarget,
  };
}
