import type { AccountContext } from '../../runtime/account.ts';
import { lambdaErrors } from './errors.ts';
import { DEFAULT_EVENT_INVOKE_CONFIG, type FunctionRecord } from './function-store.ts';
import { functionArn, LATEST } from './names.ts';
import type { PermissionStatement } from './types.ts';

/**
 * Read-side answers of the Lambda control API built from a function's record, shaped as AWS
 * returns them (GetPolicy, GetFunctionEventInvokeConfig, ListTags). Pure: the service looks the
 * record up and these only shape it.
 */

/** One resource-policy statement as AddPermission writes it into the policy document. */
function policyStatement(arn: string, statement: PermissionStatement): Record<string, unknown> {
  const principal = statement.principal.includes('.amazonaws.com')
    ? { Service: statement.principal }
    : {
        AWS: /^\d{12}$/.test(statement.principal)
          ? `arn:aws:iam::${statement.principal}:root`
          : statement.principal,
      };
  const condition: Record<string, Record<string, string>> = {};
  if (statement.sourceArn) condition.ArnLike = { 'AWS:SourceArn': statement.sourceArn };
  if (statement.sourceAccount) condition.StringEquals = { 'AWS:SourceAccount': statement.sourceAccount };
  return {
    Sid: statement.statementId,
    Effect: 'Allow',
    Principal: principal,
    Action: statement.action,
    Resource: arn,
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

/**
 * GetPolicy: the resource-based policy as a JSON string (`Version`, `Id: default`, `Statement`).
 * A function without statements has no policy: ResourceNotFoundException, as on AWS.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetPolicy.html
 */
export function policyOf(
  account: AccountContext,
  record: FunctionRecord,
): { Policy: string; RevisionId: string } {
  if (record.permissions.length === 0)
    throw lambdaErrors.notFound('The resource you requested does not exist.');
  const arn = functionArn(account, record.config.name);
  const document = {
    Version: '2012-10-17',
    Id: 'default',
    Statement: record.permissions.map((statement) => policyStatement(arn, statement)),
  };
  return { Policy: JSON.stringify(document), RevisionId: record.revisionId };
}

/**
 * GetFunctionEventInvokeConfig: the async settings put on the function (LastModified in epoch
 * seconds). A function that never had them: ResourceNotFoundException naming the function.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionEventInvokeConfig.html
 */
export function eventInvokeConfigOf(
  account: AccountContext,
  record: FunctionRecord,
): Record<string, unknown> {
  const arn = `${functionArn(account, record.config.name)}:${LATEST}`;
  if (!record.eventInvokeConfig)
    throw lambdaErrors.notFound(`The function ${arn} doesn't have an EventInvokeConfig`);
  const settings = record.eventInvokeConfig ?? DEFAULT_EVENT_INVOKE_CONFIG;
  return {
    LastModified: Math.floor(
      (record.eventInvokeConfigModified ?? Date.parse(lastModifiedIso(record))) / 1000,
    ),
    FunctionArn: arn,
    MaximumRetryAttempts: settings.maximumRetryAttempts,
    MaximumEventAgeInSeconds: settings.maximumEventAgeInSeconds,
    DestinationConfig: { OnSuccess: {}, OnFailure: {} },
  };
}

/** `2026-01-01T00:00:00.000+0000` (Lambda's LastModified) as ISO 8601 Date.parse accepts. */
const lastModifiedIso = (record: FunctionRecord): string => record.lastModified.replace('+0000', 'Z');

/** ListTags: `{ Tags: { key: value } }`. https://docs.aws.amazon.com/lambda/latest/api/API_ListTags.html */
export function tagsOf(record: FunctionRecord): { Tags: Record<string, string> } {
  return { Tags: { ...(record.config.tags ?? {}) } };
}
