import { inlinePackage } from '../code-package.ts';
import { describe, type FunctionDescription } from '../description.ts';
import { lambdaErrors } from '../errors.ts';
import { validateFunctionConfig } from '../function-config-rules.ts';
import { newRevision } from '../function-records.ts';
import type { FunctionConfig } from '../model.ts';
import type { LambdaContext } from '../service.ts';

/**
 * In process only (the stack's functions); the endpoint has no CreateFunction route.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 */
export function createFunction(ctx: LambdaContext, config: FunctionConfig): FunctionDescription {
  validateFunctionConfig(config);
  if (ctx.store.get(config.name)) throw lambdaErrors.functionExists(config.name);
  const record = newRevision(ctx.clock, config, inlinePackage(config.code, config.handler), undefined);
  ctx.store.put(record);
  return describe(ctx.account, record);
}
