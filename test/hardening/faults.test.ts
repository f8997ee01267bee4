/**
 * Faults: the embedded DynamoDB failing under the API, a function that takes its execution
 * environment down, and `kill -9` of a whole `tapstack up` at random points under load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, postJson, startLocalCloud } from '../support/local-cloud.fixture.ts';
import { ensureCliBuilt, exited, type RunningCloud, startCliCloud } from './support/cli.fixture.ts';
import { CRASH_STACK, crashStackTemplate } from './support/crash-stack.fixture.ts';
import { lostOrChanged, tableSnapshot } from './support/table.fixture.ts';

type DynamoCall = LocalCloud['engine']['services']['dynamodb']['runParsed'];

describe('the embedded DynamoDB failing', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startLocalCloud();
  });
  afterAll(async () => {
    await cloud?.dispose();
  });

  it('answers 503 with Retry-After, counts it in the 5xx metric, writes nothing, and recovers', async () => {
    const ddb = cloud.dynamodb();
    expect((await postJson(cloud.apiUrl, { before: 'failure' })).status).toBe(200);
    const before = await tableSnapshot(ddb);
    const bucketObjects = async () =>
      (
        await cloud
          .s3()
          .send(new ListObjectsV2Command({ Bucket: cloud.output('S3BucketName'), Prefix: 'request-bodies/' }))
      ).KeyCount ?? 0;
    const objectsBefore = await bucketObjects();
    const service = cloud.engine.services.dynamodb as { runParsed: DynamoCall };
    const healthy = service.runParsed;
    service.runParsed = () => Promise.reject(new Error('simulated storage failure: disk I/O error'));
    const startedAt = cloud.engine.clock.now();

    let failed: Awaited<ReturnType<typeof postJson>>;
    try {
      failed = await postJson(cloud.apiUrl, { during: 'failure' });
    } finally {
      service.runParsed = healthy;
    }

    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('1');
    expect(failed.json).toMatchObject({
      error: 'ServiceUnavailable',
      message: 'Service temporarily unavailable, please try again',
    });
    expect(failed.text).not.toMatch(/disk I\/O|simulated|arn:|at .*\.(js|ts):\d+/);
    const after = await tableSnapshot(ddb);
    expect(lostOrChanged(before, after)).toEqual([]);
    expect(after.size).toBe(before.size);
    expect(await bucketObjects()).toBe(objectsBefore);
    const recovered = await postJson(cloud.apiUrl, { after: 'failure' });
    expect(recovered.status).toBe(200);
    expect((await tableSnapshot(ddb)).has(String(recovered.json?.requestId))).toBe(true);
    const fiveXx = cloud.engine.services.cloudwatch.getMetricStatistics({
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      dimensions: { ApiId: await resolveApiId(cloud) },
      startTime: startedAt - 120_000,
      endTime: cloud.engine.clock.now() + 120_000,
      period: 60,
      statistics: ['Sum'],
    });
    expect(fiveXx.reduce((sum, p) => sum + Number((p as { Sum?: number }).Sum ?? 0), 0)).toBe(1);
  });

  // The function writes the S3 object first, then the item; when PutItem fails it deletes the object.
  it('a body archived to S3 before the failed PutItem is not left behind (no orphan under request-bodies/)', async () => {
    const listBodies = async () =>
      (
        await cloud
          .s3()
          .send(new ListObjectsV2Command({ Bucket: cloud.output('S3BucketName'), Prefix: 'request-bodies/' }))
      ).Contents?.map((o) => o.Key) ?? [];
    const objectsBefore = await listBodies();
    const service = cloud.engine.services.dynamodb as { runParsed: DynamoCall };
    const healthy = service.runParsed;
    service.runParsed = () => Promise.reject(new Error('simulated storage failure'));

    let failed: Awaited<ReturnType<typeof postJson>>;
    try {
      failed = await postJson(cloud.apiUrl, { big: 'x'.repeat(400_000) });
    } finally {
      service.runParsed = healthy;
    }

    expect(failed.status).toBe(503);
    expect(await listBodies()).toEqual(objectsBefore);
  });

  it('a closed DynamoDB service also gives 503, never a 200 for an unstored request', async () => {
    await cloud.engine.services.dynamodb.close();

    const response = await postJson(cloud.apiUrl, { closed: true });

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
  });
});

async function resolveApiId(cloud: LocalCloud): Promise<string> {
  const resources = await cloud
    .cloudformation()
    .send(new ListStackResourcesCommand({ StackName: 'serverless-infrastructure' }));
  return (
    resources.StackResourceSummaries?.find((r) => r.LogicalResourceId === 'HttpApi')?.PhysicalResourceId ?? ''
  );
}

describe('a function that takes its execution environment down', () => {
  let cloud: LocalCloud;
  let crashUrl: string;
  beforeAll(async () => {
    cloud = await startLocalCloud();
    const deployed = await cloud.engine.deploy({
      stackName: CRASH_STACK,
      templateBody: JSON.stringify(crashStackTemplate()),
    });
    crashUrl = String(deployed.stack.outputs.find((o) => o.outputKey === 'Url')?.outputValue).replace(
      /\/$/,
      '',
    );
  });
  afterAll(async () => {
    await cloud?.dispose();
  });

  it.each([
    ['process.exit', '/exit'],
    ['running out of memory', '/oom'],
    ['an infinite loop past the timeout', '/loop'],
    ['an uncaught exception', '/throw'],
    ['a malformed response', '/bad-shape'],
  ])(
    '%s: 502 Internal Server Error with no detail, and the next request succeeds',
    async (_name, path) => {
      const failed = await fetch(`${crashUrl}${path}`);
      const failedBody = await failed.text();
      const next = await fetch(`${crashUrl}/ok`);

      expect(failed.status).toBe(502);
      expect(JSON.parse(failedBody)).toEqual({ message: 'Internal Server Error' });
      expect(next.status).toBe(200);
      expect(await next.json()).toEqual({ ok: true, path: '/ok' });
    },
    30_000,
  );
});

describe('kill -9 of the engine under load', () => {
  const KILLS = 20;
  let dataDir: string;
  beforeAll(() => {
    ensureCliBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tapstack-kill-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const start = () => startCliCloud(['--data-dir', dataDir, '--port', '0', '--api-port', '0'], 30_000);

  /** Posts with a few requests in flight until `signal` aborts, collecting the acknowledged ids. */
  async function load(
    apiUrl: string,
    signal: AbortSignal,
    round: number,
    acknowledged: string[],
  ): Promise<string[]> {
    const worker = async (w: number) => {
      for (let i = 0; !signal.aborted && i < 200; i++) {
        try {
          const response = await fetch(apiUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ round, w, i }),
            signal,
          });
          const body = (await response.json()) as { requestId?: string };
          if (response.status === 200 && body.requestId) acknowledged.push(body.requestId);
        } catch {
          return; // killed mid-request: not acknowledged, so nothing is promised for it
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    return acknowledged;
  }

  async function storedIds(endpointUrl: string): Promise<Set<string>> {
    const ddb = new DynamoDBClient({
      endpoint: endpointUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      return new Set((await tableSnapshot(ddb)).keys());
    } finally {
      ddb.destroy();
    }
  }

  it(`keeps every acknowledged request across ${KILLS} SIGKILLs at random points`, async () => {
    const acknowledged: string[] = [];
    const missingPerRestart: number[] = [];
    let running: RunningCloud = await start();
    try {
      for (let round = 0; round < KILLS; round++) {
        const stop = new AbortController();
        const roundAcknowledged: string[] = [];
        const loading = load(running.apiUrl, stop.signal, round, roundAcknowledged);
        // A random point once the round has an acknowledged write to lose (on a loaded machine the
        // first responses after READY can take longer than the whole random window).
        const firstDeadline = Date.now() + 15_000;
        while (roundAcknowledged.length === 0 && Date.now() < firstDeadline)
          await new Promise((resolve) => setTimeout(resolve, 10));
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 600)));
        running.child.kill('SIGKILL');
        await exited(running.child);
        stop.abort();
        acknowledged.push(...(await loading));

        running = await start();
        const stored = await storedIds(running.endpointUrl);
        missingPerRestart.push(acknowledged.filter((id) => !stored.has(id)).length);
        expect(running.output()).not.toMatch(/could not be opened|not valid JSON|tapstack: /);
      }
    } finally {
      running.child.kill('SIGKILL');
      await exited(running.child);
    }

    expect(missingPerRestart).toEqual(Array.from({ length: KILLS }, () => 0));
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS);
  }, 240_000);
});
