/**
 * SDK client settings. API Gateway gives up on an integration after 30 s, so the SDK must fail
 * well before: few attempts, and socket timeouts that actually throw.
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/node-configuring-maxsockets.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 */

/** The subset of the SDK's NodeHttpHandler options we set (passed as `requestHandler`). */
export interface HttpOptions {
  readonly connectionTimeout: number;
  readonly requestTimeout: number;
  readonly throwOnRequestTimeout: boolean;
}

/**
 * DynamoDB: 3 attempts of at most ~4 s each. `throwOnRequestTimeout` is required by current
 * `@smithy/node-http-handler` (4.x), which otherwise only WARNS when `requestTimeout` passes and
 * lets the request hang; older versions (a runtime's bundled SDK may be one) treat
 * `requestTimeout` as a socket idle timeout and throw anyway.
 */
export const DYNAMODB_HTTP: HttpOptions = {
  connectionTimeout: 1_000,
  requestTimeout: 3_000,
  throwOnRequestTimeout: true,
};
export const DYNAMODB_MAX_ATTEMPTS = 3;

/** S3 (only for bodies over the item limit, up to 6 MB): 2 attempts of at most ~9 s each. */
export const S3_HTTP: HttpOptions = {
  connectionTimeout: 1_000,
  requestTimeout: 8_000,
  throwOnRequestTimeout: true,
};
export const S3_MAX_ATTEMPTS = 2;
