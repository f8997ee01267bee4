import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/src/runtime/clock.ts';
import { type LocalCloud, postJson, STACK_NAME, startLocalCloud } from '../support/local-cloud.fixture.ts';
import { brokenTableTemplate, MINUTE } from '../support/virtual-time.fixture.ts';

const ALARM_NAME = `${STACK_NAME}-api-5xx-errors`;
const PERIOD = 5 * MINUTE;

let cloud: LocalCloud | undefined;
afterEach(async () => {
  await cloud?.dispose();
  cloud = undefined;
});

/** Sends `count` requests through the API and returns their statuses. */
async function requests(local: LocalCloud, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await postJson(local.apiUrl, { i })).status);
  return statuses;
}

interface Notification {
  readonly AlarmName: string;
  readonly NewStateValue: string;
  readonly OldStateValue: string;
}

function notifications(local: LocalCloud, topicArn: string): Notification[] {
  return local.engine.services.sns
    .listDeliveries(topicArn)
    .map((d) => JSON.parse(d.message) as Notification)
    .filter((n) => n.AlarmName === ALARM_NAME);
}

describe('the API 5xx alarm', () => {
  it('goes to ALARM after two consecutive 5-minute periods above 10 errors, notifies SNS, and returns to OK when quiet', async () => {
    // Prepare: the function cannot store anything, so the API answers 500. Time starts on a
    // period boundary, so each batch of requests falls in one 5-minute period.
    const start = Date.UTC(2026, 2, 1, 0, 0);
    const clock = new VirtualClock(start);
    cloud = await startLocalCloud({ clock, template: brokenTableTemplate() });
    const local = cloud;
    const cloudwatch = new CloudWatchClient(local.clientConfig);
    const [alarm] = local.engine.services.cloudwatch.describeAlarms({ alarmNames: [ALARM_NAME] });
    const topicArn = alarm?.alarmActions?.[0] ?? '';
    const stateNow = async () =>
      (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [ALARM_NAME] }))).MetricAlarms?.[0];

    // Act: period A has 10 errors (not above the threshold), B and C have 11 each.
    await clock.advance(2 * MINUTE);
    const initial = await stateNow();
    const periodA = await requests(local, 10);
    await clock.advance(PERIOD);
    const periodB = await requests(local, 11);
    await clock.advance(PERIOD);
    const afterAandB = await stateNow();
    const periodC = await requests(local, 11);
    await clock.advance(PERIOD);
    const afterBandC = await stateNow();
    const alarmNotices = notifications(local, topicArn);
    await clock.advance(2 * PERIOD);
    const afterQuiet = await stateNow();

    // Assess
    expect(new Set([...periodA, ...periodB, ...periodC])).toEqual(new Set([500]));
    expect(initial?.StateValue).toBe('OK');
    expect(afterAandB?.StateValue).toBe('OK');
    expect(afterBandC).toMatchObject({
      AlarmName: ALARM_NAME,
      StateValue: 'ALARM',
      MetricName: '5xx',
      Namespace: 'AWS/ApiGateway',
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 2,
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(afterBandC?.StateReason).toMatch(/Threshold Crossed: 2 out of the last 2 datapoints/);
    expect(afterBandC?.StateUpdatedTimestamp).toBeInstanceOf(Date);
    expect(alarmNotices.filter((n) => n.NewStateValue === 'ALARM')).toEqual([
      expect.objectContaining({ NewStateValue: 'ALARM', OldStateValue: 'OK' }),
    ]);
    expect(afterQuiet?.StateValue).toBe('OK');
    const allNotices = notifications(local, topicArn);
    expect(allNotices.at(-1)).toMatchObject({ NewStateValue: 'OK', OldStateValue: 'ALARM' });
    expect(allNotices.filter((n) => n.NewStateValue === 'ALARM')).toHaveLength(1);
    cloudwatch.destroy();
  });
});
