import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { StateFile } from '../../runtime/state-file.ts';
import { CloudWatchService } from './service.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

function service(dataDir: string, clock: VirtualClock): CloudWatchService {
  return new CloudWatchService({ dataDir, clock, account: DEFAULT_ACCOUNT, publish: async () => {} });
}

const datum = (timestamp: number) => ({
  namespace: 'AWS/SQS',
  metricName: 'ApproximateNumberOfMessagesVisible',
  dimensions: { QueueName: 'q' },
  value: 1,
  unit: 'Count',
  timestamp,
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CloudWatch state persistence under a fast clock', () => {
  it('does not fsync its state once per emulated minute when a virtual day passes in well under a second', async () => {
    // Prepare: a metric arrives every emulated minute, as SQS publishes queue depth.
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const dataDir = mkdtempSync(join(tmpdir(), 'cw-pacing-'));
    const cloudwatch = service(dataDir, clock);
    const saves = vi.spyOn(StateFile.prototype, 'save');
    cloudwatch.start();
    const tick = () => {
      cloudwatch.putMetric(datum(clock.now()));
      clock.setTimer(tick, MINUTE);
    };
    tick();

    // Act
    await clock.advance(DAY);
    const savesDuringTheDay = saves.mock.calls.length;
    cloudwatch.close();

    // Assess: 1440 evaluations ran, but the file was written a bounded number of times, and
    // close() persisted everything: a new service reads the whole day's datapoints back.
    expect(savesDuringTheDay).toBeLessThan(200);
    const reopened = service(dataDir, clock);
    const stats = reopened.getMetricStatistics({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'q' },
      startTime: Date.UTC(2026, 0, 1),
      endTime: Date.UTC(2026, 0, 2),
      period: 86_400,
      statistics: ['SampleCount'],
    });
    expect((stats[0] as { SampleCount?: number } | undefined)?.SampleCount).toBe(1440);
  });

  it('saves an alarm state change at once, whatever the pacing', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const dataDir = mkdtempSync(join(tmpdir(), 'cw-pacing-'));
    const cloudwatch = service(dataDir, clock);
    cloudwatch.putMetricAlarm({
      alarmName: 'depth',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'q' },
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    });
    cloudwatch.start();
    await clock.advance(2 * MINUTE);
    cloudwatch.putMetric(datum(clock.now()));

    await clock.advance(2 * MINUTE);

    // Read without close(): the transition itself was persisted.
    expect(service(dataDir, clock).describeAlarms()[0]?.stateValue).toBe('ALARM');
    cloudwatch.close();
  });
});

describe('MetricStore reads of a short range out of a long history', () => {
  it('returns the same periods by lookup as by a full scan, with unaligned bounds', async () => {
    const { MetricStore } = await import('./metric-store.ts');
    const store = new MetricStore();
    const base = Date.UTC(2026, 0, 1);
    for (let minute = 0; minute < 2_000; minute++) store.put(datum(base + minute * MINUTE + 7_000));
    store.put({ ...datum(base + 100 * MINUTE), value: 5 });
    const identity = {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'q' },
    };

    // Ten minutes (lookup path) and the whole history (scan path) agree where they overlap.
    const short = store.statistics(identity, base + 95 * MINUTE + 1, base + 105 * MINUTE, 5 * MINUTE);
    const long = store.statistics(identity, base, base + 3_000 * MINUTE, 5 * MINUTE);

    expect([...short.keys()]).toEqual([base + 95 * MINUTE, base + 100 * MINUTE]);
    // The first minute (95) starts before the unaligned bound, so only 96-99 count.
    expect(short.get(base + 95 * MINUTE)).toEqual({ sum: 4, count: 4, min: 1, max: 1 });
    expect(short.get(base + 100 * MINUTE)).toEqual(long.get(base + 100 * MINUTE));
    expect(long.get(base + 100 * MINUTE)).toEqual({ sum: 10, count: 6, min: 1, max: 5 });
  });
});
