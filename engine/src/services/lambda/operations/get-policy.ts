import { type RestRoute, restJsonResponse } from '../../../protocol/rest-json.ts';
import type { AccountContext } from '../../../runtime/account.ts';
import type { LambdaControlApi } from '../endpoint-api.ts';
import { lambdaErrors } from '../errors.ts';
import { requireFunction } from '../function-records.ts';
import type { FunctionRecord, PermissionStatement } from '../model.ts';
import { functionArn } from '../names.ts';
import { FUNCTIONS_PATH, functionNameOf, type RouteResource } from '../rest-request.ts';
import type { LambdaContext } from '../service.ts';

/**
 * GetPolicy: the resource-based policy as a JSON string (`Version`, `Id: default`, `Statement`).
 * A function without statements has no policy: ResourceNotFoundException, as on AWS.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetPolicy.html
 */
export function getPolicy(ctx: LambdaContext, name: string): { Policy: string; RevisionId: string } {
  return policyOf(ctx.account, requireFunction(ctx, name));
}

export const getPolicyRoute = (api: LambdaControlApi, resource: RouteResource): RestRoute => ({
  method: 'GET',
  path: `${FUNCTIONS_PATH}/{FunctionName}/policy`,
  operation: 'GetPolicy',
  iamAction: 'lambda:GetPolicy',
  resource,
  handle: async (req, ctx) => restJsonResponse(200, api.getPolicy(functionNameOf(req)), ctx.requestId),
});

function policyOf(account: AccountContext, record: FunctionRecord): { Policy: string; RevisionId: string } {
  if (record.permissions.length === 0) throw lambdaErrors.policyNotFound();
  const arn = functionArn(account, record.config.name);
  const document = {
    Version: '2012-10-17',
    Id: 'default',
    Statement: record.permissions.map((statement) => policyStatement(arn, statement)),
  };
  return { Policy: JSON.stringify(document), RevisionId: record.revisionId };
}

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
