import { lambdaErrors } from '../errors.ts';
import { requireFunction } from '../function-records.ts';
import type { LambdaContext } from '../service.ts';

/**
 * In process only (AWS::Lambda::Permission deleted).
 * https://docs.aws.amazon.com/lambda/latest/api/API_RemovePermission.html
 */
export function removePermission(ctx: LambdaContext, functionName: string, statementId: string): void {
  const record = requireFunction(ctx, functionName);
  if (!record.permissions.some((s) => s.statementId === statementId)) {
    throw lambdaErrors.statementNotFound(statementId);
  }
  ctx.store.put({
    ...record,
    permissions: record.permissions.filter((s) => s.statementId !== statementId),
  });
}
