import type { AccountContext } from '../../runtime/account.ts';
import { isAwsError } from '../../runtime/aws-error.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { InvokeRequest, InvokeResult } from '../lambda/model.ts';
import { MAX_INTEGRATION_TIMEOUT_MS, PERMISSION_ERROR_MESSAGE } from './gateway-responses.ts';

/**
 * Calls the route's Lambda function the way API Gateway does: synchronously, once (no retries), as
 * `apigateway.amazonaws.com` with the execute-api ARN of the request as source, and gives up after
 * min(TimeoutInMillis, 30 s) of real time (a bound on work, never scaled by --time-scale; see
 * runtime/clock.ts).
 * https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html
 */
export interface LambdaInvoker {
  invoke(request: InvokeRequest): Promise<InvokeResult>;
}

export type IntegrationOutcome =
  | { readonly kind: 'result'; readonly result: InvokeResult }
  /** Lambda refused the invocation (the gateway answers 500). */
  | { readonly kind: 'rejected'; readonly errorMessage: string }
  | { readonly kind: 'timeout' };

export interface IntegrationCall {
  readonly functionArn: string;
  readonly payload: string;
  readonly sourceArn: string;
  readonly timeoutInMillis: number;
}

export const invokeIntegration = (
  lambda: LambdaInvoker,
  clock: Clock,
  call: IntegrationCall,
): Promise<IntegrationOutcome> =>
  new Promise<IntegrationOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: IntegrationOutcome): void => {
      if (settled) return;
      settled = true;
      timer.cancel();
      resolve(outcome);
    };
    const timer = clock.setWorkTimer(
      () => finish({ kind: 'timeout' }),
      Math.min(call.timeoutInMillis, MAX_INTEGRATION_TIMEOUT_MS),
    );
    let pending: Promise<InvokeResult>;
    try {
      pending = lambda.invoke({
        functionName: call.functionArn,
        payload: call.payload,
        invocationType: 'RequestResponse',
        caller: { principal: 'apigateway.amazonaws.com', sourceArn: call.sourceArn },
      });
    } catch (error) {
      pending = Promise.reject(error);
    }
    // A late answer after a timeout is dropped, as the client already has its 503.
    pending.then(
      (result) => finish({ kind: 'result', result }),
      (error: unknown) => finish({ kind: 'rejected', errorMessage: rejectionMessage(error) }),
    );
  });

const rejectionMessage = (error: unknown): string => {
  if (isAwsError(error) && /AccessDenied/.test(error.code)) return PERMISSION_ERROR_MESSAGE;
  if (isAwsError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
};

/**
 * The ARN Lambda sees as the caller: `arn:aws:execute-api:region:account:apiId/stage/METHOD/path`
 * with the route's path template, or `apiId/stage/$default` for the `$default` route.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.permissions
 */
export const executeApiArn = (
  account: AccountContext,
  apiId: string,
  stage: string,
  method: string,
  routePath: string | undefined,
): string => {
  const resource = routePath === undefined ? '$default' : `${method.toUpperCase()}${routePath}`;
  return `arn:${account.partition}:execute-api:${account.region}:${account.accountId}:${apiId}/${stage}/${resource}`;
};
