/**
 * Test fixtures for the Lambda service: a service on a temporary data dir with recording log,
 * metric and dead-letter sinks. Used by this folder's tests only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { arnResourceName } from '../../runtime/arn.ts';
import { type Clock, VirtualClock } from '../../runtime/clock.ts';
import type { MetricDatum } from '../cloudwatch/metric-sink.ts';
import type { LogEvent } from '../logs/sink.ts';
import type { DeadLetterMessage } from './async-queue.ts';
import type { FunctionConfig } from './model.ts';
import { LambdaService, type LambdaServiceOptions } from './service.ts';

export interface Recorded {
  readonly logs: { group: string; stream: string; events: readonly LogEvent[] }[];
  readonly metrics: MetricDatum[];
  readonly deadLetters: { targetArn: string; message: DeadLetterMessage }[];
}

export interface Fixture extends Recorded {
  readonly service: LambdaService;
  readonly clock: Clock;
  readonly dataDir: string;
  /** All log messages written so far, in order. */
  messages(): string[];
  metricValues(name: string, functionName?: string): number[];
}

export function createFixture(overrides: Partial<LambdaServiceOptions> = {}, recorded?: Recorded): Fixture {
  const sinks: Recorded = recorded ?? { logs: [], metrics: [], deadLetters: [] };
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'tapstack-lambda-'));
  const clock = overrides.clock ?? new VirtualClock();
  const service = new LambdaService({
    dataDir,
    clock,
    account: DEFAULT_ACCOUNT,
    logs: { putLogEvents: (group, stream, events) => sinks.logs.push({ group, stream, events }) },
    metrics: { putMetric: (datum) => sinks.metrics.push(datum) },
    endpointUrl: 'http://127.0.0.1:4566',
    credentialsFor: (roleArn) => ({
      accessKeyId: `AKIA-${arnResourceName(roleArn)}`,
      secretAccessKey: 'secret',
      sessionToken: 'token',
    }),
    deadLetter: async (targetArn, message) => {
      sinks.deadLetters.push({ targetArn, message });
    },
    hosts: 1,
    ...overrides,
  });
  return {
    ...sinks,
    service,
    clock,
    dataDir,
    messages: () => sinks.logs.flatMap((batch) => batch.events.map((e) => e.message)),
    metricValues: (name, functionName) =>
      sinks.metrics
        .filter((m) => m.metricName === name && m.dimensions.FunctionName === functionName)
        .map((m) => m.value),
  };
}

export function functionConfig(code: string, overrides: Partial<FunctionConfig> = {}): FunctionConfig {
  return {
    name: 'fn',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    code,
    roleArn: 'arn:aws:iam::000000000000:role/fn-role',
    timeoutSeconds: 3,
    memorySizeMb: 128,
    environment: {},
    architectures: ['x86_64'],
    logFormat: 'Text',
    logGroupName: '/aws/lambda/fn',
    ...overrides,
  };
}

/** A synchronous invoke of `fn` with a JSON payload. */
export const invokeSync = (service: LambdaService, payload: unknown = {}, functionName = 'fn') =>
  service.invoke({ functionName, payload: JSON.stringify(payload), invocationType: 'RequestResponse' });
