/**
 * Boots a whole local cloud in-process on the committed lib/TapStack.json, with ephemeral ports and
 * a temporary data directory, and hands out real AWS SDK clients pointed at its endpoint.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type Clock, type DeployResult, Engine, type EngineOptions } from '../../engine/src/index.ts';

export const STACK_NAME = 'serverless-infrastructure';
export const TABLE_NAME = `${STACK_NAME}-requests`;
export const FUNCTION_NAME = `${STACK_NAME}-request-processor`;

export type TemplateDocument = {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
} & Record<string, unknown>;

/** The committed template as a fresh object, for tests that deploy a variant of it. */
export function committedTemplate(): TemplateDocument {
  return JSON.parse(readFileSync('lib/TapStack.json', 'utf8')) as TemplateDocument;
}

export interface LocalCloud {
  readonly engine: Engine;
  readonly dataDir: string;
  readonly apiUrl: string;
  readonly endpointUrl: string;
  readonly region: string;
  readonly deployed: DeployResult;
  readonly clientConfig: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  dynamodb(): DynamoDBClient;
  cloudformation(): CloudFormationClient;
  lambda(): LambdaClient;
  s3(): S3Client;
  sqs(): SQSClient;
  output(key: string): string;
  /** Stops the engine; the data directory stays (for restart tests) until `dispose`. */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export interface StartOptions {
  readonly dataDir?: string;
  readonly clock?: Clock;
  readonly parameters?: Record<string, string>;
  readonly template?: TemplateDocument;
  /** The default stack's name; STACK_NAME unless a test needs that name for another stack. */
  readonly stackName?: string;
  /** Free-space settings (a fake source lets a test put the disk under its floor). */
  readonly disk?: EngineOptions['disk'];
  /** `--retention-scale N`: log retention and lifecycle days last 1/N. */
  readonly retentionScale?: number;
}

export async function startLocalCloud(options: StartOptions = {}): Promise<LocalCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tapstack-e2e-'));
  const engine = await Engine.start({
    dataDir,
    port: 0,
    apiBasePort: 0,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.disk ? { disk: options.disk } : {}),
    ...(options.retentionScale ? { retentionScale: options.retentionScale } : {}),
    onWarning: () => {},
  });
  let deployed: DeployResult;
  try {
    deployed = await engine.deploy({
      stackName: options.stackName ?? STACK_NAME,
      templateBody: JSON.stringify(options.template ?? committedTemplate()),
      parameters: { EnvironmentSuffix: 'dev', ...(options.parameters ?? {}) },
    });
  } catch (error) {
    await engine.close();
    throw error;
  }
  const clientConfig = {
    endpoint: engine.endpointUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const clients: { destroy(): void }[] = [];
  const track = <T extends { destroy(): void }>(client: T): T => {
    clients.push(client);
    return client;
  };
  const output = (key: string): string => {
    const value = deployed.stack.outputs.find((o) => o.outputKey === key)?.outputValue;
    if (value === undefined) throw new Error(`stack output ${key} is missing`);
    return value;
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const client of clients) client.destroy();
    await engine.close();
  };
  return {
    engine,
    dataDir,
    apiUrl: output('ApiEndpoint'),
    endpointUrl: engine.endpointUrl,
    region: clientConfig.region,
    deployed,
    clientConfig,
    dynamodb: () => track(new DynamoDBClient(clientConfig)),
    cloudformation: () => track(new CloudFormationClient(clientConfig)),
    lambda: () => track(new LambdaClient(clientConfig)),
    s3: () => track(new S3Client({ ...clientConfig, forcePathStyle: true })),
    sqs: () => track(new SQSClient(clientConfig)),
    output,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A JSON POST through the local API; returns status, headers and parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}
