import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { LogsService } from './service.ts';

const DAY = 86_400_000;

async function makeService(dataDir = mkdtempSync(join(tmpdir(), 'logs-')), deliveries: Buffer[] = []) {
  const clock = new VirtualClock(Date.UTC(2026, 10, 25, 12));
  const service = new LogsService({
    dataDir,
    clock,
    account: DEFAULT_ACCOUNT,
    deliver: async (_arn, data) => {
      deliveries.push(data);
    },
  });
  await service.start();
  return { service, clock, dataDir, deliveries };
}

describe('LogsService', () => {
  it('stores events per stream in time order and reads them back', async () => {
    const { service, clock } = await makeService();
    service.createLogGroup({ logGroupName: '/aws/lambda/f' });

    service.putLogEvents('/aws/lambda/f', 's1', [{ timestamp: clock.now(), message: 'START' }]);
    service.putLogEvents('/aws/lambda/f', 's1', [{ timestamp: clock.now() + 1, message: 'END' }]);

    const events = await service.getLogEvents({
      logGroupName: '/aws/lambda/f',
      logStreamName: 's1',
      startFromHead: true,
    });
    expect(events.map((e) => e.message)).toEqual(['START', 'END']);
    expect(service.describeLogStreams('/aws/lambda/f').map((s) => s.streamName)).toEqual(['s1']);
  });

  it('rejects a retention CloudWatch does not accept and keeps the group unchanged', async () => {
    const { service } = await makeService();
    service.createLogGroup({ logGroupName: 'g', retentionInDays: 7 });

    expect(() => service.putRetentionPolicy('g', 8)).toThrow(/Invalid RetentionInDays 8/);
    expect(service.describeLogGroups('g')[0]?.retentionInDays).toBe(7);
  });

  it('deletes events past a 7-day retention once 7 virtual days have passed', async () => {
    const { service, clock } = await makeService();
    service.createLogGroup({ logGroupName: 'g', retentionInDays: 7 });
    service.putLogEvents('g', 'old', [{ timestamp: clock.now(), message: 'old event' }]);
    await clock.advance(3 * DAY);
    service.putLogEvents('g', 'new', [{ timestamp: clock.now(), message: 'new event' }]);

    await clock.advance(5 * DAY);
    await service.sweepRetention();

    const left = await service.filterLogEvents({ logGroupName: 'g' });
    expect(left.map((e) => e.message)).toEqual(['new event']);
    expect(service.describeLogStreams('g').map((s) => s.streamName)).toEqual(['new']);
  });

  it('delivers matching events to the subscription destination as a gzip DATA_MESSAGE envelope', async () => {
    const { service, clock, deliveries } = await makeService();
    service.createLogGroup({ logGroupName: 'access' });
    service.putSubscriptionFilter({
      logGroupName: 'access',
      filterName: 'all',
      filterPattern: '',
      destinationArn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/s',
    });

    service.putLogEvents('access', 'stage', [
      { timestamp: clock.now(), message: '{"requestId":"a"}' },
      { timestamp: clock.now(), message: '{"requestId":"b"}' },
    ]);
    expect(deliveries).toHaveLength(0);
    await clock.advance(1_000);

    expect(deliveries).toHaveLength(1);
    const envelope = JSON.parse(gunzipSync(deliveries[0] as Buffer).toString('utf8'));
    expect(envelope).toMatchObject({
      messageType: 'DATA_MESSAGE',
      logGroup: 'access',
      logStream: 'stage',
      subscriptionFilters: ['all'],
    });
    expect(envelope.logEvents.map((e: { message: string }) => e.message)).toEqual([
      '{"requestId":"a"}',
      '{"requestId":"b"}',
    ]);
  });

  it('keeps groups, retention and events across a restart on the same data directory', async () => {
    const first = await makeService();
    first.service.createLogGroup({ logGroupName: 'g', retentionInDays: 14 });
    first.service.putLogEvents('g', 's', [{ timestamp: first.clock.now(), message: 'kept' }]);
    await first.service.close();

    const second = await makeService(first.dataDir);

    expect(second.service.describeLogGroups()[0]).toMatchObject({ logGroupName: 'g', retentionInDays: 14 });
    const events = await second.service.getLogEvents({ logGroupName: 'g', logStreamName: 's' });
    expect(events.map((e) => e.message)).toEqual(['kept']);
  });

  it('refuses writes to a group that does not exist', async () => {
    const { service } = await makeService();
    expect(() => service.putLogEvents('missing', 's', [{ timestamp: 0, message: 'x' }])).toThrow(
      /does not exist: missing/,
    );
  });

  it('keeps groups named like Object.prototype members apart from them, across a restart', async () => {
    const { service, dataDir } = await makeService();
    for (const name of ['constructor', '__proto__', 'toString'])
      service.createLogGroup({ logGroupName: name });
    expect(() => service.createLogGroup({ logGroupName: 'constructor' })).toThrow(/already exists/);
    await service.close();

    const { service: reopened } = await makeService(dataDir);
    expect(reopened.describeLogGroups().map((g) => g.logGroupName)).toEqual([
      '__proto__',
      'constructor',
      'toString',
    ]);
    expect(() => reopened.createLogGroup({ logGroupName: 'hasOwnProperty' })).not.toThrow();
    await reopened.close();
  });
});
