import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  type GetMetricStatisticsCommandInput,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/src/index.ts';

const NAMESPACE = 'Test/Percentiles';
const DIMENSIONS = [{ Name: 'Service', Value: 'checkout' }];
/** Two minutes ago, on a minute boundary: inside one 300 s period of the queries below. */
const AT = new Date(Math.floor(Date.now() / 300_000) * 300_000);
const RANGE = { StartTime: new Date(AT.getTime() - 300_000), EndTime: new Date(AT.getTime() + 300_000) };

let dataDir: string;
let engine: Engine;
let cloudwatch: CloudWatchClient;

async function start(): Promise<void> {
  engine = await Engine.start({ dataDir, port: 0, apiBasePort: 0, onWarning: () => {} });
  cloudwatch = new CloudWatchClient({
    endpoint: engine.endpointUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

async function stop(): Promise<void> {
  cloudwatch.destroy();
  await engine.close();
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cw-percentiles-'));
  await start();
  // 1..50 ms once each (Values), then 1,000 ms twice (Value) and 5,000 ms with a count of 3: 52
  // distinct values, under the exact cap, so the answers are exact.
  await cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: NAMESPACE,
      MetricData: [
        {
          MetricName: 'Latency',
          Dimensions: DIMENSIONS,
          Timestamp: AT,
          Values: Array.from({ length: 50 }, (_, i) => i + 1),
          Unit: 'Milliseconds',
        },
        { MetricName: 'Latency', Dimensions: DIMENSIONS, Timestamp: AT, Value: 1_000 },
        { MetricName: 'Latency', Dimensions: DIMENSIONS, Timestamp: AT, Value: 1_000 },
        { MetricName: 'Latency', Dimensions: DIMENSIONS, Timestamp: AT, Values: [5_000], Counts: [3] },
      ],
    }),
  );
});

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const statisticsQuery = (extra: Partial<GetMetricStatisticsCommandInput>) =>
  new GetMetricStatisticsCommand({
    Namespace: NAMESPACE,
    MetricName: 'Latency',
    Dimensions: DIMENSIONS,
    Period: 300,
    ...RANGE,
    ...extra,
  });

async function percentilesByGetMetricData() {
  const data = await cloudwatch.send(
    new GetMetricDataCommand({
      ...RANGE,
      MetricDataQueries: ['p50', 'p90', 'p99', 'tm90', 'SampleCount'].map((stat, i) => ({
        Id: `q${i}`,
        MetricStat: {
          Metric: { Namespace: NAMESPACE, MetricName: 'Latency', Dimensions: DIMENSIONS },
          Period: 300,
          Stat: stat,
        },
      })),
    }),
  );
  return data.MetricDataResults?.map((r) => r.Values);
}

describe('CloudWatch percentile statistics through the SDK', () => {
  it('answers ExtendedStatistics and GetMetricData pNN over Values, Counts and Value data', async () => {
    // 55 data points: 1..50, 1000, 1000, 5000 x3. Nearest rank: p50 = 28th = 28,
    // p90 = 50th = 50, p95 = 53rd = 5000.
    const stats = await cloudwatch.send(statisticsQuery({ ExtendedStatistics: ['p50', 'p90', 'p95', 'p0'] }));
    expect(stats.Datapoints).toHaveLength(1);
    expect(stats.Datapoints?.[0]?.ExtendedStatistics).toEqual({ p50: 28, p90: 50, p95: 5_000, p0: 1 });
    expect(stats.Datapoints?.[0]?.Timestamp?.getTime()).toBe(AT.getTime());
    // tm90 = mean of the lowest 49.5 points (1..49 and half of 50).
    const tm90 = ((49 * 50) / 2 + 0.5 * 50) / 49.5;
    const [p50, p90, p99, trimmed, count] = (await percentilesByGetMetricData()) ?? [];
    expect([p50, p90, p99, count]).toEqual([[28], [50], [5_000], [55]]);
    expect(trimmed?.[0]).toBeCloseTo(tm90, 10);
  });

  it('refuses bad statistics with CloudWatch errors and stores nothing', async () => {
    const refusal = async (call: () => Promise<unknown>) => {
      const error = await call().then(
        () => undefined,
        (e: { name: string; message: string }) => e,
      );
      if (!error) throw new Error('the call was accepted');
      return { name: error.name, message: error.message };
    };
    expect(await refusal(() => cloudwatch.send(statisticsQuery({})))).toEqual({
      name: 'InvalidParameterCombinationException',
      message: 'Must specify either Statistics or ExtendedStatistics',
    });
    expect(
      await refusal(() =>
        cloudwatch.send(statisticsQuery({ Statistics: ['Sum'], ExtendedStatistics: ['p99'] })),
      ),
    ).toMatchObject({
      name: 'InvalidParameterCombinationException',
    });
    for (const bad of ['p101', 'pXX']) {
      const refused = await refusal(() =>
        cloudwatch.send(statisticsQuery({ ExtendedStatistics: ['p50', bad] })),
      );
      expect(refused.name).toBe('InvalidParameterValueException');
      expect(refused.message).toContain(`The value ${bad} for parameter ExtendedStatistics.member.2`);
      const viaData = await refusal(() =>
        cloudwatch.send(
          new GetMetricDataCommand({
            ...RANGE,
            MetricDataQueries: [
              {
                Id: 'bad',
                MetricStat: {
                  Metric: { Namespace: NAMESPACE, MetricName: 'Latency', Dimensions: DIMENSIONS },
                  Period: 300,
                  Stat: bad,
                },
              },
            ],
          }),
        ),
      );
      expect(viaData.name).toBe('InvalidParameterValueException');
      expect(viaData.message).toContain(`parameter MetricDataQueries.member.1.MetricStat.Stat`);
    }
    // A batch whose second datum is bad stores nothing, not even the good first datum.
    const mismatched = await refusal(() =>
      cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: NAMESPACE,
          MetricData: [
            { MetricName: 'Latency', Dimensions: DIMENSIONS, Timestamp: AT, Value: 7 },
            { MetricName: 'Latency', Dimensions: DIMENSIONS, Timestamp: AT, Values: [1, 2], Counts: [1] },
          ],
        }),
      ),
    );
    expect(mismatched.name).toBe('InvalidParameterValueException');
    expect(mismatched.message).toContain('MetricData.member.2.Values and MetricData.member.2.Counts');
    const sampleCount = await cloudwatch.send(statisticsQuery({ Statistics: ['SampleCount', 'Sum'] }));
    expect(sampleCount.Datapoints?.[0]).toMatchObject({ SampleCount: 55, Sum: 1_275 + 2_000 + 15_000 });
  });

  it('keeps the values behind the percentiles across a restart', async () => {
    await stop();
    await start();
    expect(await percentilesByGetMetricData()).toEqual([[28], [50], [5_000], [expect.any(Number)], [55]]);
  });
});
