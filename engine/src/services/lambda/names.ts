import { type AccountContext, arn } from '../../runtime/account.ts';
import { lambdaErrors } from './errors.ts';

/** The only version the local cloud publishes. */
export const LATEST = '$LATEST';

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const FULL_ARN =
  /^arn:[a-z-]+:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9_-]{1,64})(?::([a-zA-Z0-9$_-]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([a-zA-Z0-9_-]{1,64})(?::([a-zA-Z0-9$_-]+))?$/;
const NAME_WITH_QUALIFIER = /^([a-zA-Z0-9_-]{1,64}):([a-zA-Z0-9$_-]+)$/;

export const isValidFunctionName = (name: string): boolean => NAME.test(name);

export const functionArn = (ctx: AccountContext, name: string): string =>
  arn(ctx, 'lambda', `function:${name}`);

/**
 * Turns a name, partial ARN (`123456789012:function:name`) or full ARN into the function's name.
 * Only `$LATEST` exists locally, so any other qualifier is refused.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_RequestSyntax
 */
export function resolveFunctionName(ctx: AccountContext, reference: string): string {
  const full = FULL_ARN.exec(reference);
  const partial = full ? undefined : PARTIAL_ARN.exec(reference);
  const qualified = full || partial ? undefined : NAME_WITH_QUALIFIER.exec(reference);
  let name: string | undefined;
  let qualifier: string | undefined;
  if (full) {
    if (full[1] !== ctx.region || full[2] !== ctx.accountId) {
      throw lambdaErrors.invalidParameter(`Function ARN ${reference} is not in this account and Region`);
    }
    [name, qualifier] = [full[3], full[4]];
  } else if (partial) {
    if (partial[1] !== ctx.accountId)
      throw lambdaErrors.invalidParameter(`Function ARN ${reference} is not in this account`);
    [name, qualifier] = [partial[2], partial[3]];
  } else if (qualified) {
    [name, qualifier] = [qualified[1], qualified[2]];
  } else if (NAME.test(reference)) {
    name = reference;
  }
  if (!name)
    throw lambdaErrors.invalidParameter(
      `1 validation error detected: Value '${reference}' at 'functionName' failed to satisfy constraint`,
    );
  if (qualifier !== undefined && qualifier !== LATEST) {
    throw lambdaErrors.invalidParameter(
      `Only the ${LATEST} qualifier is supported locally, got ${qualifier}`,
    );
  }
  return name;
}
