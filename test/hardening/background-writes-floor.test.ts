/**
 * Background writes and the data directory's growth:
 * - under the disk's hard floor, log lines written in the background (the daily schedule's
 *   invocation of the function) are held in memory instead of written, and written once space
 *   returns (free space from a fake source, as in disk-floor.test.ts);
 * - `--retention-scale` end to end on the engine's virtual clock: with retention days of 1 and a
 *   scale of 24, function logs and archived access logs are gone after a few emulated hours, while
 *   the APIs still report what the template declares.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetBucketLifecycleConfigurationCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/src/runtime/clock.ts';
import { HELD_RETRY_MS } from '../../engine/src/runtime/held-writes.ts';
import { FUNCTION_NAME, type LocalCloud, postJson, startLocalCloud } from '../support/local-cloud.fixture.ts';
import { FUNCTION_LOG_GROUP, HOUR, MINUTE, quietPeriod, waitFor } from '../support/virtual-time.fixture.ts';

const MB = 1024 ** 2;
const GB = 1024 ** 3;
const START = Date.UTC(2026, 0, 10, 12, 0);

let cloud: LocalCloud | undefined;
afterEach(async () => {
  await cloud?.dispose();
  cloud = undefined;
});

/** The function's AWS/Lambda Errors since the test's start (a read: served under the floor). */
async function functionErrors(cloudwatch: CloudWatchClient, now: number): Promise<number> {
  const { Datapoints } = await cloudwatch.send(
    new GetMetricStatisticsCommand({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: FUNCTION_NAME }],
      StartTime: new Date(START),
      EndTime: new Date(now + HOUR),
      Period: 3600,
      Statistics: ['Sum'],
    }),
  );
  return (Datapoints ?? []).reduce((sum, point) => sum + (point.Sum ?? 0), 0);
}

/** Total bytes of the log stream files under the data directory. */
function logBytes(dataDir: string): number {
  let total = 0;
  for (const file of readdirSync(join(dataDir, 'logs'), { recursive: true })) {
    if (String(file).endsWith('.ndjson')) total += statSync(join(dataDir, 'logs', String(file))).size;
  }
  return total;
}

describe('background writes under the disk floor', () => {
  it('holds the log lines of a scheduled invocation in memory and writes them once space returns', async () => {
    let free = 10 * GB;
    const clock = new VirtualClock(START);
    cloud = await startLocalCloud({
      clock,
      disk: { source: () => free, floorBytes: 100 * MB, warnBelowBytes: GB, cacheMs: 0 },
    });
    const local = cloud;
    const logs = new CloudWatchLogsClient(local.clientConfig);
    const cloudwatch = new CloudWatchClient(local.clientConfig);
    const functionEvents = async () =>
      (await logs.send(new FilterLogEventsCommand({ logGroupName: FUNCTION_LOG_GROUP }))).events ?? [];
    expect((await postJson(local.apiUrl, { before: 'floor' })).status).toBe(200);
    const logged = (await functionEvents()).length;

    // Under the floor the API refuses (and logs nothing); the daily schedule still runs the
    // function in the background: every PutItem it tries is refused, so it fails and logs
    // "Scheduled event processing failed", and those log lines must not reach the disk.
    free = 50 * MB;
    const before = logBytes(local.dataDir);
    await clock.advance(25 * HOUR);
    // The floor may only be lifted once the invocation has ended: until then the function's SDK is
    // still retrying (jittered backoff, up to ~3 s in all), and a retry after the floor lifted would
    // store the item and log no failure. Lambda records Errors after it has written the log lines.
    await waitFor('the failed scheduled invocation', async () =>
      (await functionErrors(cloudwatch, clock.now())) > 0 ? true : undefined,
    );
    // A read flushes what is pending, and a held retry passes: neither writes under the floor.
    expect((await functionEvents()).some((e) => e.message?.includes('Scheduled'))).toBe(false);
    await quietPeriod(HELD_RETRY_MS + 500);
    expect(logBytes(local.dataDir)).toBe(before);

    free = 10 * GB;
    const after = await waitFor('the held function log lines', async () => {
      const events = await functionEvents();
      return events.length > logged && events.some((e) => e.message?.includes('Scheduled'))
        ? events
        : undefined;
    });
    expect(after.length).toBeGreaterThan(logged);
    expect(logBytes(local.dataDir)).toBeGreaterThan(before);
    logs.destroy();
    cloudwatch.destroy();
  }, 60_000);
});

describe('--retention-scale end to end', () => {
  it('scales log retention and the archive lifecycle on the engine clock; the APIs report the template’s days', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 10, 12, 0));
    cloud = await startLocalCloud({
      clock,
      retentionScale: 24,
      parameters: { LogRetentionDays: '1', AccessLogRetentionDays: '1', ArchiveRetentionDays: '1' },
    });
    const local = cloud;
    const bucket = local.output('S3BucketName');
    const logs = new CloudWatchLogsClient(local.clientConfig);
    const s3 = local.s3();
    expect((await postJson(local.apiUrl, { scaled: true })).status).toBe(200);
    // Firehose's 60 s buffer passes: the access log line is archived.
    await clock.advance(2 * MINUTE);
    const archived = async () =>
      (await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'access-logs/' }))).Contents ?? [];
    await waitFor('the archived access log', async () => ((await archived()).length > 0 ? true : undefined));
    const functionEvents = async () =>
      (await logs.send(new FilterLogEventsCommand({ logGroupName: FUNCTION_LOG_GROUP }))).events ?? [];
    expect((await functionEvents()).length).toBeGreaterThan(0);

    // One day at scale 24 is one hour (lifecycle: rounded up to the next scaled midnight).
    await clock.advance(3 * HOUR);
    await waitFor('log retention', async () => ((await functionEvents()).length === 0 ? true : undefined));
    await waitFor('the lifecycle expiry', async () => ((await archived()).length === 0 ? true : undefined));

    // What the APIs report is the template's, unscaled.
    const groups = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
    expect(groups.map((g) => g.retentionInDays)).toEqual([1, 1]);
    const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    expect(lifecycle.Rules?.find((r) => r.ID === 'ExpireArchive')?.Expiration?.Days).toBe(1);
    logs.destroy();
  }, 60_000);
});
