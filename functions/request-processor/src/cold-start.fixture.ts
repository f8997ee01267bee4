/**
 * Cold-starting the handler in tests: sets the function's environment, then imports a fresh copy
 * of `index.ts` (module init reads the environment and creates the SDK clients, as in Lambda).
 */
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import {
  createRequestTable,
  type FakeS3,
  type LocalDynamo,
  startDynalite,
  startFakeS3,
  TEST_CREDENTIALS,
  TEST_REGION,
} from './backends.fixture.ts';

export const TABLE = 'requests';
export const BUCKET = 'archive-bucket';
export const ENV_KEYS = [
  'DYNAMODB_TABLE_NAME',
  'ARCHIVE_BUCKET_NAME',
  'BODY_PREFIX',
  'RETENTION_DAYS',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL_S3',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

type Handler = typeof import('./index.ts')['handler'];

/** Imports a fresh copy of the function, as a cold start with this environment would. */
export async function coldStart(
  endpoints: { dynamo: string; s3?: string },
  env: Record<string, string> = {},
) {
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, {
    DYNAMODB_TABLE_NAME: TABLE,
    ARCHIVE_BUCKET_NAME: BUCKET,
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    // The general variable (what the local cloud sets) points at S3; DynamoDB gets its own.
    AWS_ENDPOINT_URL: endpoints.s3 ?? endpoints.dynamo,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamo,
    ...env,
  });
  vi.resetModules();
  const module = await import('./index.ts');
  return module.handler satisfies Handler;
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function asHttp(result: unknown): HttpResult {
  return result as HttpResult;
}

/** Puts back the variables {@link coldStart} changed. */
export function restoreEnv(): void {
  for (const key of ENV_KEYS) {
    const value = savedEnv[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/**
 * A real dynalite (with the request table) and a fake S3 for one test file, started before its
 * tests and stopped after them; read them through the returned object once the tests run.
 */
export function useBackends(): { dynamo: LocalDynamo; s3: FakeS3 } {
  const backends = {} as { dynamo: LocalDynamo; s3: FakeS3 };
  beforeAll(async () => {
    backends.dynamo = await startDynalite();
    backends.s3 = await startFakeS3();
    await createRequestTable(backends.dynamo.client, TABLE);
  });
  afterAll(async () => {
    await backends.dynamo.stop();
    await backends.s3.stop();
    restoreEnv();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return backends;
}
