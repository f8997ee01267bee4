import { parseArn } from '../../runtime/arn.ts';
import type { InvokeCaller, PermissionStatement } from './model.ts';

const INVOKE_ACTIONS = new Set(['lambda:InvokeFunction', 'lambda:*', '*']);

/**
 * IAM's ArnLike: `*` matches any run of characters (including `:`), `?` exactly one.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
export function arnLike(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}

const accountOf = (resourceArn: string | undefined): string | undefined =>
  resourceArn === undefined ? undefined : parseArn(resourceArn)?.accountId;

/**
 * Whether a resource-policy statement lets `caller` (a service principal) invoke the function:
 * principal, action, then SourceArn and SourceAccount when the statement sets them.
 * https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html
 */
export function statementAllows(statement: PermissionStatement, caller: InvokeCaller): boolean {
  if (statement.principal !== caller.principal && statement.principal !== '*') return false;
  if (!INVOKE_ACTIONS.has(statement.action)) return false;
  if (statement.sourceArn !== undefined) {
    if (caller.sourceArn === undefined || !arnLike(statement.sourceArn, caller.sourceArn)) return false;
  }
  if (statement.sourceAccount !== undefined && accountOf(caller.sourceArn) !== statement.sourceAccount)
    return false;
  return true;
}

export const isInvokeAllowed = (statements: readonly PermissionStatement[], caller: InvokeCaller): boolean =>
  statements.some((statement) => statementAllows(statement, caller));
