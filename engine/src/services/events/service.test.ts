import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { EventsService } from './service.ts';

const HOUR = 3_600_000;
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:f';

function makeService(
  dataDir = mkdtempSync(join(tmpdir(), 'events-')),
  clock = new VirtualClock(Date.UTC(2026, 10, 25, 10)),
) {
  const invocations: {
    arn: string;
    payload: Record<string, unknown>;
    caller: { principal: string; sourceArn: string };
  }[] = [];
  const service = new EventsService({
    dataDir,
    clock,
    account: DEFAULT_ACCOUNT,
    invokeLambda: async (arn, payload, caller) => {
      invocations.push({ arn, payload: JSON.parse(payload), caller });
    },
  });
  return { service, clock, dataDir, invocations };
}

describe('EventsService schedules', () => {
  it('fires a rate(24 hours) rule exactly once in a virtual day, with the Scheduled Event payload', async () => {
    const { service, clock, invocations } = makeService();
    await service.start();
    const rule = service.putRule({ name: 'daily', scheduleExpression: 'rate(24 hours)' });
    service.putTargets('daily', [{ id: '1', arn: FUNCTION_ARN }]);

    await clock.advance(24 * HOUR);

    expect(invocations).toHaveLength(1);
    expect(invocations[0]?.caller).toEqual({ principal: 'events.amazonaws.com', sourceArn: rule.arn });
    expect(invocations[0]?.payload).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: DEFAULT_ACCOUNT.accountId,
      region: DEFAULT_ACCOUNT.region,
      time: '2026-11-26T10:00:00Z',
      resources: [rule.arn],
      detail: {},
    });
  });

  it('does not fire a disabled rule', async () => {
    const { service, clock, invocations } = makeService();
    await service.start();
    service.putRule({ name: 'daily', scheduleExpression: 'rate(1 hour)', state: 'DISABLED' });
    service.putTargets('daily', [{ id: '1', arn: FUNCTION_ARN }]);

    await clock.advance(5 * HOUR);

    expect(invocations).toHaveLength(0);
  });

  it('neither skips nor repeats a fire across a restart', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 10, 25, 10));
    const first = makeService(undefined, clock);
    await first.service.start();
    first.service.putRule({ name: 'daily', scheduleExpression: 'rate(24 hours)' });
    first.service.putTargets('daily', [{ id: '1', arn: FUNCTION_ARN }]);
    await clock.advance(12 * HOUR);
    first.service.close();

    const second = makeService(first.dataDir, clock);
    await second.service.start();
    await clock.advance(12 * HOUR);
    await clock.advance(1 * HOUR);

    expect(first.invocations).toHaveLength(0);
    expect(second.invocations).toHaveLength(1);
  });

  it('fires once on start for a schedule that came due while the engine was down', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 10, 25, 10));
    const first = makeService(undefined, clock);
    await first.service.start();
    first.service.putRule({ name: 'hourly', scheduleExpression: 'rate(1 hour)' });
    first.service.putTargets('hourly', [{ id: '1', arn: FUNCTION_ARN }]);
    first.service.close();
    await clock.advance(5 * HOUR);

    const second = makeService(first.dataDir, clock);
    await second.service.start();

    expect(second.invocations).toHaveLength(1);
  });

  it('triggerRule fires now without moving the schedule', async () => {
    const { service, clock, invocations } = makeService();
    await service.start();
    service.putRule({ name: 'daily', scheduleExpression: 'rate(24 hours)' });
    service.putTargets('daily', [{ id: '1', arn: FUNCTION_ARN }]);

    await service.triggerRule('daily');
    await clock.advance(24 * HOUR);

    expect(invocations).toHaveLength(2);
  });

  it('rejects an invalid schedule and keeps no rule', () => {
    const { service } = makeService();
    expect(() => service.putRule({ name: 'bad', scheduleExpression: 'rate(1 hours)' })).toThrow(
      /ScheduleExpression/,
    );
    expect(service.listRules()).toEqual([]);
  });
});

describe('EventsService target failures', () => {
  it('retries a failing target, then sends the event to its dead-letter queue with EventBridge attributes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'events-'));
    const clock = new VirtualClock(Date.UTC(2026, 10, 25, 10));
    let attempts = 0;
    const dead: { arn: string; body: string; attributes: Record<string, string> }[] = [];
    const service = new EventsService({
      dataDir,
      clock,
      account: DEFAULT_ACCOUNT,
      invokeLambda: async () => {
        attempts++;
        throw Object.assign(new Error('events.amazonaws.com is not allowed to invoke f'), {
          name: 'AccessDeniedException',
        });
      },
      deadLetter: async (arn, body, attributes) => {
        dead.push({ arn, body, attributes });
      },
    });
    await service.start();
    const rule = service.putRule({ name: 'daily', scheduleExpression: 'rate(1 day)' });
    service.putTargets('daily', [
      {
        id: '1',
        arn: FUNCTION_ARN,
        deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
        maximumRetryAttempts: 2,
      },
    ]);

    await service.triggerRule('daily');

    expect(attempts).toBe(3);
    expect(dead).toHaveLength(1);
    expect(dead[0]?.arn).toBe('arn:aws:sqs:us-east-1:000000000000:dlq');
    expect(JSON.parse(dead[0]?.body ?? '{}')['detail-type']).toBe('Scheduled Event');
    expect(dead[0]?.attributes).toMatchObject({
      RULE_ARN: rule.arn,
      TARGET_ARN: FUNCTION_ARN,
      ERROR_CODE: 'AccessDeniedException',
      RETRY_ATTEMPTS: '2',
    });
  });
});

describe('EventsService rule names', () => {
  it('keeps rules named like Object.prototype members apart from them, across a restart', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 10, 25, 10));
    const first = makeService(undefined, clock);
    await first.service.start();
    expect(() => first.service.describeRule('constructor')).toThrow();
    for (const name of ['constructor', '__proto__'])
      first.service.putRule({ name, scheduleExpression: 'rate(1 hour)' });
    first.service.close();

    const second = makeService(first.dataDir, clock);
    await second.service.start();
    expect(
      second.service
        .listRules()
        .map((r) => r.name)
        .sort(),
    ).toEqual(['__proto__', 'constructor']);
    second.service.deleteRule('__proto__');
    expect(second.service.listRules().map((r) => r.name)).toEqual(['constructor']);
    second.service.close();
  });
});
