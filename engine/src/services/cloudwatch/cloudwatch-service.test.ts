import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { SnsService } from '../sns/index.ts';
import { CloudWatchService } from './cloudwatch-service.ts';

const MINUTE = 60_000;
const API = { ApiId: 'abc123defg' };

function makeWorld(dataDir = mkdtempSync(join(tmpdir(), 'cw-'))) {
  const clock = new VirtualClock(Date.UTC(2026, 10, 25, 10, 0, 0));
  const sns = new SnsService({ dataDir, clock, account: DEFAULT_ACCOUNT });
  const topic = sns.createTopic({ name: 'alarms' });
  sns.subscribe({ topicArn: topic.topicArn, protocol: 'email', endpoint: 'ops@example.com' });
  const cloudwatch = new CloudWatchService({
    dataDir,
    clock,
    account: DEFAULT_ACCOUNT,
    publish: async (topicArn, subject, message) => {
      await sns.publish({ topicArn, subject, message });
    },
  });
  cloudwatch.putMetricAlarm({
    alarmName: 'api-5xx',
    namespace: 'AWS/ApiGateway',
    metricName: '5xx',
    dimensions: API,
    statistic: 'Sum',
    period: 300,
    evaluationPeriods: 2,
    threshold: 10,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    alarmActions: [topic.topicArn],
    okActions: [topic.topicArn],
  });
  cloudwatch.start();
  return { clock, sns, cloudwatch, topic, dataDir };
}

function emit5xx(cloudwatch: CloudWatchService, at: number, count: number): void {
  for (let i = 0; i < count; i++) {
    cloudwatch.putMetric({
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      dimensions: API,
      value: 1,
      unit: 'Count',
      timestamp: at + i,
    });
  }
}

describe('CloudWatch alarms', () => {
  it('goes to ALARM after 11 5xx in each of two consecutive 5-minute periods, notifies SNS, and returns to OK when quiet', async () => {
    const { clock, sns, cloudwatch, topic } = makeWorld();
    const periodStart = Date.UTC(2026, 10, 25, 10, 0, 0);

    emit5xx(cloudwatch, periodStart + MINUTE, 11);
    emit5xx(cloudwatch, periodStart + 6 * MINUTE, 11);
    await clock.advance(11 * MINUTE);

    const [alarm] = cloudwatch.describeAlarms({ alarmNames: ['api-5xx'] });
    expect(alarm?.stateValue).toBe('ALARM');
    expect(alarm?.stateReason).toMatch(
      /^Threshold Crossed: 2 out of the last 2 datapoints \[11\.0 .*, 11\.0 .*\] were greater than the threshold \(10\.0\)/,
    );
    // The first evaluation (after the first quiet-looking period) moves INSUFFICIENT_DATA -> OK, which
    // runs the OK actions as AWS does; then the ALARM transition notifies.
    const alarmDeliveries = sns.listDeliveries(topic.topicArn);
    expect(alarmDeliveries.map((d) => JSON.parse(d.message).NewStateValue)).toEqual(['OK', 'ALARM']);
    expect(JSON.parse(alarmDeliveries[1]?.message ?? '{}')).toMatchObject({
      AlarmName: 'api-5xx',
      NewStateValue: 'ALARM',
      OldStateValue: 'OK',
    });

    await clock.advance(10 * MINUTE);

    expect(cloudwatch.describeAlarms()[0]?.stateValue).toBe('OK');
    expect(sns.listDeliveries(topic.topicArn).map((d) => JSON.parse(d.message).NewStateValue)).toEqual([
      'OK',
      'ALARM',
      'OK',
    ]);
    expect(
      cloudwatch
        .describeAlarmHistory('api-5xx')
        .filter((h) => h.historyItemType === 'StateUpdate')
        .map((h) => h.historySummary),
    ).toEqual([
      'Alarm updated from ALARM to OK',
      'Alarm updated from OK to ALARM',
      'Alarm updated from INSUFFICIENT_DATA to OK',
    ]);
  });

  it('stays OK with 10 errors in each period (the threshold is "greater than")', async () => {
    const { clock, cloudwatch } = makeWorld();
    const periodStart = Date.UTC(2026, 10, 25, 10, 0, 0);

    emit5xx(cloudwatch, periodStart + MINUTE, 10);
    emit5xx(cloudwatch, periodStart + 6 * MINUTE, 10);
    await clock.advance(11 * MINUTE);

    expect(cloudwatch.describeAlarms()[0]?.stateValue).toBe('OK');
  });

  it('answers GetMetricStatistics per period with the requested statistics', () => {
    const { cloudwatch } = makeWorld();
    const start = Date.UTC(2026, 10, 25, 10, 0, 0);
    emit5xx(cloudwatch, start, 3);
    emit5xx(cloudwatch, start + 5 * MINUTE, 2);

    const points = cloudwatch.getMetricStatistics({
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      dimensions: API,
      startTime: start,
      endTime: start + 10 * MINUTE,
      period: 300,
      statistics: ['Sum', 'SampleCount'],
    });

    expect(points).toEqual([
      { timestamp: start, Sum: 3, SampleCount: 3 },
      { timestamp: start + 5 * MINUTE, Sum: 2, SampleCount: 2 },
    ]);
  });

  it('rejects a percentile statistic clearly instead of evaluating it wrongly', () => {
    const { cloudwatch } = makeWorld();
    expect(() =>
      cloudwatch.putMetricAlarm({
        alarmName: 'p99',
        namespace: 'N',
        metricName: 'M',
        dimensions: {},
        statistic: 'p99' as 'Sum',
        period: 60,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanThreshold',
      }),
    ).toThrow(/Statistic p99 is not supported/);
  });

  it('keeps alarm state and metrics across a restart', async () => {
    const first = makeWorld();
    emit5xx(first.cloudwatch, Date.UTC(2026, 10, 25, 10, 1), 4);
    first.cloudwatch.close();

    const second = new CloudWatchService({
      dataDir: first.dataDir,
      clock: first.clock,
      account: DEFAULT_ACCOUNT,
      publish: async () => {},
    });

    expect(second.describeAlarms().map((a) => a.alarmName)).toEqual(['api-5xx']);
    expect(second.listMetrics({ metricName: '5xx' })).toHaveLength(1);
  });
});
