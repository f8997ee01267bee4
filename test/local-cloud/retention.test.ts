import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListObjectsV2Command, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/src/runtime/clock.ts';
import { type LocalCloud, postJson, startLocalCloud } from '../support/local-cloud.fixture.ts';
import { DAY, FUNCTION_LOG_GROUP, HOUR, MINUTE, waitFor } from '../support/virtual-time.fixture.ts';

let cloud: LocalCloud | undefined;
afterEach(async () => {
  await cloud?.dispose();
  cloud = undefined;
});

async function versionsOf(local: LocalCloud, bucket: string) {
  const listed = await local.s3().send(new ListObjectVersionsCommand({ Bucket: bucket }));
  return {
    versions: (listed.Versions ?? []).map((v) => ({ key: v.Key, latest: v.IsLatest })),
    deleteMarkers: (listed.DeleteMarkers ?? []).map((m) => m.Key),
  };
}

async function currentKeys(local: LocalCloud, bucket: string): Promise<string[]> {
  const listed = await local.s3().send(new ListObjectsV2Command({ Bucket: bucket }));
  return (listed.Contents ?? []).map((o) => o.Key ?? '').sort();
}

describe('retention of the archive bucket (lifecycle rules of the committed template)', () => {
  it('expires current objects after 90 days, noncurrent versions 7 days after they became noncurrent, then the delete markers', {
    timeout: 180_000,
  }, async () => {
    // Prepare: access logs archived by Firehose, and one key written twice (a noncurrent version).
    const start = Date.UTC(2026, 0, 10, 12, 0);
    const clock = new VirtualClock(start);
    cloud = await startLocalCloud({ clock });
    const local = cloud;
    const bucket = local.output('S3BucketName');
    expect((await postJson(local.apiUrl, { keep: 'a while' })).status).toBe(200);
    await clock.advance(2 * MINUTE);
    const s3 = local.s3();
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'access-logs/note.json', Body: '{"v":1}' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'access-logs/note.json', Body: '{"v":2}' }));
    const initialKeys = await currentKeys(local, bucket);
    const initial = await versionsOf(local, bucket);

    // Act
    await clock.advance(89 * DAY);
    const day89Keys = await currentKeys(local, bucket);
    const day89 = await versionsOf(local, bucket);
    await clock.advance(2 * DAY);
    const day91Keys = await currentKeys(local, bucket);
    const day91 = await versionsOf(local, bucket);
    await clock.advance(8 * DAY);
    const day99 = await versionsOf(local, bucket);

    // Assess
    expect(initialKeys.some((k) => k.startsWith('access-logs/2026/01/10/'))).toBe(true);
    expect(initial.versions).toHaveLength(initialKeys.length + 1);
    expect(day89Keys).toEqual(initialKeys);
    // The overwritten version of note.json went 7 days after it became noncurrent.
    expect(day89.versions).toHaveLength(initialKeys.length);
    expect(day89.versions.every((v) => v.latest)).toBe(true);
    expect(day91Keys).toEqual([]);
    // Expiring a current version in a versioned bucket leaves it noncurrent behind a delete marker.
    expect(day91.versions).toHaveLength(initialKeys.length);
    expect(day91.deleteMarkers.sort()).toEqual(initialKeys);
    expect(day99).toEqual({ versions: [], deleteMarkers: [] });
  });
});

describe('retention of the function log group (LogRetentionDays = 7)', () => {
  it('removes events older than 7 days and keeps newer ones, as FilterLogEvents shows', async () => {
    // Prepare: an API invocation on day 0 and another on day 3 (the daily rule adds one a day).
    const start = Date.UTC(2026, 0, 10, 12, 0);
    const clock = new VirtualClock(start);
    cloud = await startLocalCloud({ clock });
    const local = cloud;
    const logs = new CloudWatchLogsClient(local.clientConfig);
    const events = async () =>
      (await logs.send(new FilterLogEventsCommand({ logGroupName: FUNCTION_LOG_GROUP }))).events ?? [];
    const first = await postJson(local.apiUrl, { day: 0 });
    await clock.advance(3 * DAY);
    const second = await postJson(local.apiUrl, { day: 3 });
    const before = await events();

    // Act: past 7 days after the first invocation (the sweep runs every emulated hour), then
    // past 7 days after the second.
    await clock.advance(4 * DAY + 2 * HOUR);
    const cutoff = clock.now() - 7 * DAY;
    // The sweep that fell due runs its file I/O in real time: wait for it.
    const after = await waitFor('the day-0 events to expire', async () => {
      const found = await events();
      return found.every((e) => (e.timestamp ?? 0) >= cutoff - HOUR) ? found : undefined;
    });
    await clock.advance(3 * DAY);
    const laterCutoff = clock.now() - 7 * DAY;
    const later = await waitFor('the day-3 events to expire', async () => {
      const found = await events();
      return found.every((e) => (e.timestamp ?? 0) >= laterCutoff - HOUR) ? found : undefined;
    });

    // Assess
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(before.filter((e) => e.timestamp === start).length).toBeGreaterThan(0);
    expect(before.filter((e) => e.timestamp === start + 3 * DAY).length).toBeGreaterThan(0);
    // Nothing from day 0 is left; everything newer than 7 days that existed is still there.
    expect(after.filter((e) => e.timestamp === start)).toEqual([]);
    // An event keeps its eventId across a retention sweep (tapstack logs --follow relies on it).
    const afterIds = new Set(after.map((e) => e.eventId));
    const newer = before.filter((e) => (e.timestamp ?? 0) >= cutoff);
    expect(newer.filter((e) => e.timestamp === start + 3 * DAY).length).toBeGreaterThan(0);
    expect(newer.filter((e) => !afterIds.has(e.eventId))).toEqual([]);
    // Three days on, the day-3 lines have aged out too, while the last week's remain.
    expect(later.filter((e) => (e.timestamp ?? 0) <= start + 3 * DAY)).toEqual([]);
    expect(later.length).toBeGreaterThan(0);
    logs.destroy();
  });
});

describe('FilterLogEvents event ids', () => {
  it('names each event the same whatever the query window, and tells identical lines apart', async () => {
    // Prepare: two identical lines in one stream at one instant, and a later one.
    const clock = new VirtualClock(Date.UTC(2026, 0, 10, 12, 0));
    cloud = await startLocalCloud({ clock });
    const local = cloud;
    const group = '/tapstack/e2e/ids';
    local.engine.services.logs.createLogGroup({ logGroupName: group });
    const at = clock.now();
    local.engine.services.logs.putLogEvents(group, 's', [
      { timestamp: at, message: 'same' },
      { timestamp: at, message: 'same' },
      { timestamp: at + 1000, message: 'later' },
    ]);
    const logs = new CloudWatchLogsClient(local.clientConfig);

    // Act: the whole group, then a window that starts at the last event (as --follow polls).
    const all = (await logs.send(new FilterLogEventsCommand({ logGroupName: group }))).events ?? [];
    const tail =
      (await logs.send(new FilterLogEventsCommand({ logGroupName: group, startTime: at + 1000 }))).events ??
      [];

    // Assess
    expect(all.map((e) => e.message)).toEqual(['same', 'same', 'later']);
    expect(new Set(all.map((e) => e.eventId)).size).toBe(3);
    expect(tail.map((e) => e.eventId)).toEqual([all[2]?.eventId]);
    logs.destroy();
  });
});
