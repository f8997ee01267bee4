import { lambdaErrors } from '../errors.ts';
import { requireFunction } from '../function-records.ts';
import type { PermissionStatement } from '../model.ts';
import type { LambdaContext } from '../service.ts';

/**
 * In process only (AWS::Lambda::Permission); a statement id already in the policy is refused.
 * https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html
 */
export function addPermission(
  ctx: LambdaContext,
  functionName: string,
  statement: PermissionStatement,
): void {
  const record = requireFunction(ctx, functionName);
  if (record.permissions.some((s) => s.statementId === statement.statementId)) {
    throw lambdaErrors.statementExists(statement.statementId);
  }
  ctx.store.put({ ...record, permissions: [...record.permissions, { ...statement }] });
}
