import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAME, type LocalCloud, postJson, startLocalCloud } from '../support/local-cloud.fixture.ts';

let cloud: LocalCloud;
let cloudwatch: CloudWatchClient;
beforeAll(async () => {
  cloud = await startLocalCloud();
  cloudwatch = new CloudWatchClient(cloud.clientConfig);
});
afterAll(async () => {
  cloudwatch?.destroy();
  await cloud?.dispose();
});

describe('service metrics through the CloudWatch API', () => {
  it('counts API requests and 4xx by ApiId and Lambda invocations by FunctionName', async () => {
    const apiId = cloud.engine.services.httpApi.listApis()[0]?.ApiId ?? '';
    const started = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    for (let i = 0; i < 3; i++) expect((await postJson(cloud.apiUrl, { i })).status).toBe(200);
    const bad = await fetch(cloud.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
    const until = new Date(Date.now() + 120_000);

    const data = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: started,
        EndTime: until,
        MetricDataQueries: [
          {
            Id: 'count',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ApiGateway',
                MetricName: 'Count',
                Dimensions: [{ Name: 'ApiId', Value: apiId }],
              },
              Period: 60,
              Stat: 'Sum',
            },
          },
          {
            Id: 'fourxx',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/ApiGateway',
                MetricName: '4xx',
                Dimensions: [{ Name: 'ApiId', Value: apiId }],
              },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    const invocations = await cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/Lambda',
        MetricName: 'Invocations',
        Dimensions: [{ Name: 'FunctionName', Value: FUNCTION_NAME }],
        StartTime: started,
        EndTime: until,
        Period: 300,
        Statistics: ['Sum'],
      }),
    );

    const sum = (id: string) =>
      data.MetricDataResults?.find((r) => r.Id === id)?.Values?.reduce((a, b) => a + b, 0);
    expect(sum('count')).toBe(4);
    expect(sum('fourxx')).toBe(1);
    expect(invocations.Datapoints?.reduce((a, p) => a + (p.Sum ?? 0), 0)).toBe(4);
    expect(data.MetricDataResults?.[0]?.Timestamps?.[0]).toBeInstanceOf(Date);
  });

  it("answers percentiles of the engine's own API Latency and Lambda Duration", async () => {
    const apiId = cloud.engine.services.httpApi.listApis()[0]?.ApiId ?? '';
    const started = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    for (let i = 0; i < 3; i++) expect((await postJson(cloud.apiUrl, { i })).status).toBe(200);
    const until = new Date(Date.now() + 120_000);
    for (const [namespace, metricName, dimension] of [
      ['AWS/ApiGateway', 'Latency', { Name: 'ApiId', Value: apiId }],
      ['AWS/Lambda', 'Duration', { Name: 'FunctionName', Value: FUNCTION_NAME }],
    ] as const) {
      const query = { Namespace: namespace, MetricName: metricName, Dimensions: [dimension] };
      const [percentiles, extremes] = await Promise.all(
        [
          { ExtendedStatistics: ['p0', 'p50', 'p99', 'p100'] },
          { Statistics: ['Minimum' as const, 'Maximum' as const] },
        ].map((statistics) =>
          cloudwatch.send(
            new GetMetricStatisticsCommand({
              ...query,
              StartTime: started,
              EndTime: until,
              Period: 300,
              ...statistics,
            }),
          ),
        ),
      );
      const point = percentiles?.Datapoints?.[0]?.ExtendedStatistics ?? {};
      const bounds = extremes?.Datapoints?.[0] ?? {};
      expect(point.p0).toBe(bounds.Minimum);
      expect(point.p100).toBe(bounds.Maximum);
      expect(point.p50).toBeGreaterThanOrEqual(point.p0 ?? Number.NaN);
      expect(point.p99).toBeGreaterThanOrEqual(point.p50 ?? Number.NaN);
      expect(point.p100).toBeGreaterThanOrEqual(point.p99 ?? Number.NaN);
    }
  });
});
