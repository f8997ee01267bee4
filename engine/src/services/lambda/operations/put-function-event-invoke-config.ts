import { lambdaErrors } from '../errors.ts';
import { requireFunction } from '../function-records.ts';
import { DEFAULT_EVENT_INVOKE_CONFIG, type EventInvokeConfig } from '../model.ts';
import type { LambdaContext } from '../service.ts';

/**
 * In process only (AWS::Lambda::EventInvokeConfig); settings not given take AWS's defaults.
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
 */
export function putFunctionEventInvokeConfig(
  ctx: LambdaContext,
  functionName: string,
  settings: Partial<EventInvokeConfig>,
): EventInvokeConfig {
  const record = requireFunction(ctx, functionName);
  const merged: EventInvokeConfig = { ...DEFAULT_EVENT_INVOKE_CONFIG, ...settings };
  validateEventInvokeConfig(merged);
  ctx.store.put({ ...record, eventInvokeConfig: merged, eventInvokeConfigModified: ctx.clock.now() });
  return merged;
}

/** The input rules: MaximumRetryAttempts 0–2, MaximumEventAgeInSeconds 60–21600. */
function validateEventInvokeConfig(config: EventInvokeConfig): void {
  const { maximumRetryAttempts: retries, maximumEventAgeInSeconds: age } = config;
  if (!Number.isInteger(retries) || retries < 0 || retries > 2) {
    throw lambdaErrors.invalidParameter(`MaximumRetryAttempts ${retries} must be 0, 1 or 2`);
  }
  if (!Number.isInteger(age) || age < 60 || age > 21600) {
    throw lambdaErrors.invalidParameter(`MaximumEventAgeInSeconds ${age} must be from 60 to 21600`);
  }
}
