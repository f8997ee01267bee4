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
 * `dynamodb:<Operation>` on `arn:...:table/<TableName>`. Batch and transact operations name
 * several tables; the first one is checked (LIMITATIONS: AWS checks each). Operations without a
 * table (ListTables) are checked against `*`.
 */
export function dynamodbAuthorizationTarget(req: RawRequestView): AuthorizationTarget | undefined {
  const target = req.headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(`${DYNAMODB_TARGET_PREFIX}.`)) return undefined;
  const operation = target.slice(DYNAMODB_TARGET_PREFIX.length + 1);
  const body = parse(req.body);
  if (!operation || !body) return undefined;
  const action = `dynamodb:${operation}`;
  if (typeof body.TableName === 'string') return { action, resource: tableArn(req, body.TableName) };
  const first = firstTableName(body);
  return { action, resource: first ? tableArn(req, first) : '*' };
}

function firstTableName(body: Record<string, unknown>): string | undefined {
  const items = body.RequestItems;
  if (typeof items === 'object' && items !== null) return Object.keys(items)[0];
  const transact = body.TransactItems;
  if (Array.isArray(transact)) {
    for (const item of transact) {
      if (typeof item !== 'object' || item === null) continue;
      for (const op of Object.values(item)) {
        if (typeof op === 'object' && op !== null && 'TableName' in op && typeof op.TableName === 'string') {
          return op.TableName;
        }
      }
    }
  }
  return undefined;
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
