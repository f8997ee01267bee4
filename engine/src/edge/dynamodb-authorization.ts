/**
 * The IAM action and resource of a DynamoDB request, read from the buffered JSON body, because
 * dynalite (a raw pass-through) has no hook for the check.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
 */
import type { AuthorizationTarget, RawRequestView, RawServiceEntry } from '../protocol/service-entry.ts';

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
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems')
    return transactTargets(req, body, operation);
  const action = `dynamodb:${operation}`;
  const tables = typeof body.TableName === 'string' ? [body.TableName] : tableNames(body);
  return tables.length === 0
    ? [{ action, resource: '*' }]
    : [...new Set(tables)].map((table) => ({ action, resource: tableArn(req, table) }));
}

/** Tables named by BatchGetItem/BatchWriteItem (`RequestItems`). */
function tableNames(body: Record<string, unknown>): string[] {
  const items = body.RequestItems;
  return typeof items === 'object' && items !== null && !Array.isArray(items) ? Object.keys(items) : [];
}

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

function transactTargets(
  req: RawRequestView,
  body: Record<string, unknown>,
  operation: string,
): AuthorizationTarget[] {
  const transact = Array.isArray(body.TransactItems) ? body.TransactItems : [];
  const targets = new Map<string, AuthorizationTarget>();
  for (const item of transact) {
    if (typeof item !== 'object' || item === null) continue;
    for (const [kind, op] of Object.entries(item)) {
      const action = Object.hasOwn(TRANSACT_ACTIONS, kind) ? TRANSACT_ACTIONS[kind] : undefined;
      if (!action || typeof op !== 'object' || op === null || !('TableName' in op)) continue;
      if (typeof op.TableName !== 'string') continue;
      const name = op.TableName.startsWith('arn:')
        ? op.TableName.slice(op.TableName.lastIndexOf('/') + 1)
        : op.TableName;
      const resource = tableArn(req, name);
      targets.set(`${action} ${resource}`, { action, resource });
    }
  }
  // Malformed input still needs a check; the service then answers its ValidationException.
  return targets.size > 0 ? [...targets.values()] : [{ action: `dynamodb:${operation}`, resource: '*' }];
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
