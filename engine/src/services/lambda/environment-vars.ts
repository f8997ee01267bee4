import type { FunctionConfig } from './model.ts';

/** Credentials the function's role hands to its code (AWS_ACCESS_KEY_ID...). */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * Keys Lambda sets itself; a function may not define them.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

export const reservedKeysIn = (environment: Readonly<Record<string, string>>): string[] =>
  Object.keys(environment).filter((key) => RESERVED_KEYS.has(key));

export interface EnvironmentContext {
  readonly region: string;
  readonly credentials: Credentials;
  /** The engine's AWS endpoint; the SDK v3 reads AWS_ENDPOINT_URL. */
  readonly endpointUrl: string;
  readonly version: string;
}

/**
 * The function's environment as its code sees it: the template's variables, then the runtime's
 * reserved ones. AWS_LAMBDA_LOG_STREAM_NAME is per environment and added by the host.
 * AWS_ENDPOINT_URL is not reserved on AWS; the local cloud sets it last so the SDK in the function
 * talks to the engine, never to real AWS.
 */
export function functionEnvironment(config: FunctionConfig, ctx: EnvironmentContext): Record<string, string> {
  const env: Record<string, string> = {
    PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    ...config.environment,
    AWS_REGION: ctx.region,
    AWS_DEFAULT_REGION: ctx.region,
    AWS_LAMBDA_FUNCTION_NAME: config.name,
    AWS_LAMBDA_FUNCTION_VERSION: ctx.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySizeMb),
    AWS_LAMBDA_LOG_GROUP_NAME: config.logGroupName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
    LAMBDA_TASK_ROOT: '/var/task',
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    _HANDLER: config.handler,
    AWS_ACCESS_KEY_ID: ctx.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ctx.credentials.secretAccessKey,
    AWS_ENDPOINT_URL: ctx.endpointUrl,
  };
  if (ctx.credentials.sessionToken) env.AWS_SESSION_TOKEN = ctx.credentials.sessionToken;
  return env;
}

/** `YYYY/MM/DD/[$LATEST]<32 hex>`, dated on the environment's creation day (UTC). */
export function logStreamName(at: number, version: string, hex32: string): string {
  const iso = new Date(at).toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/[${version}]${hex32}`;
}
