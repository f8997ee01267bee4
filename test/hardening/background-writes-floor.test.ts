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
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetBucketLifecycleConfigurationCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/src/runtime/clock.ts';
import { type LocalCloud, postJson, startLocalCloud } from '../support/local-cloud.fixture.ts';
import { FUNCTION_LOG_GROUP, HOUR, MINUTE, waitFor } from '../support/virtual-time.fixture.ts';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

let cloud: LocalCloud | undefined;
afterEach(async () => {
  await cloud?.dispose();
  cloud = undefined;
});

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
    const clock = new VirtualClock(Date.UTC(2026, 0, 10, 12, 0));
    cloud = await startLocalCloud({
      clock,
      disk: { source: () => free, floorBytes: 100 * MB, warnBelowBytes: GB, cacheMs: 0 },
    });
    const local = cloud;
    const logs = new CloudWatchLogsClient(local.clientConfig);
    const functionEvents = async () =>
      (await logs.send(new FilterLogEventsCommand({ logGroupName: FUNCTION_LOG_GROUP }))).events ?? [];
    expect((await postJson(local.apiUrl, { before: 'floor' })).status).toBe(200);
    const logged = (await functionEvents()).length;

    // Under the floor the API refuses (and logs nothing); the daily schedule still runs the
    // function in the background, and its log lines must not reach the disk.
    free = 50 * MB;
    const before = logBytes(local.dataDir);
    await clock.advance(25 * HOUR);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(logBytes(local.dataDir)).toBe(before);

    free = 10 * GB;
    const after = await waitFor(
      'the held function log lines',
      async () => {
        const events = await functionEvents();
        return events.length > logged && events.some((e) => e.message?.includes('Scheduled'))
          ? events
          : undefined;
        // The scheduled invocation and the write-back both wait on a loaded machine.
      },
      40_000,
    );
    expect(after.length).toBeGreaterThan(logged);
    expect(logBytes(local.dataDir)).toBeGreaterThan(before);
    logs.destroy();
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
