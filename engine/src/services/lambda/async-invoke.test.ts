import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../runtime/clock.ts';
import { createFixture, type Fixture, functionConfig, type Recorded } from './service.fixture.ts';

const DLQ = 'arn:aws:sqs:us-east-1:000000000000:fn-dlq';
const FAILING = 'exports.handler = async () => { throw new Error("always fails"); };';

/** Attempts started so far: each emits ConcurrentExecutions synchronously when it begins. */
const attempts = (fixture: Fixture): number => fixture.metricValues('ConcurrentExecutions', 'fn').length;
const completed = (fixture: Fixture): number => fixture.metricValues('Invocations', 'fn').length;
const queuedEvents = (fixture: Fixture): { retries: number }[] =>
  JSON.parse(readFileSync(join(fixture.dataDir, 'async-queue.json'), 'utf8')).events;

/** Polls an assertion while real host work completes (host start-up takes most of a second). */
const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 20_000, interval: 5 });

describe('asynchronous invocation', () => {
  const fixtures: Fixture[] = [];
  afterEach(async () => {
    await Promise.all(fixtures.map((f) => f.service.close()));
    fixtures.length = 0;
  });
  const start = (clock: VirtualClock, dataDir?: string, recorded?: Recorded): Fixture => {
    const fixture = createFixture({ clock, ...(dataDir ? { dataDir } : {}) }, recorded);
    fixtures.push(fixture);
    return fixture;
  };

  it('retries a failing event after 60 s and 120 s, then dead-letters it with its attributes', async () => {
    // Prepare
    const clock = new VirtualClock();
    const fixture = start(clock);
    fixture.service.createFunction(functionConfig(FAILING, { deadLetterTargetArn: DLQ }));

    // Act
    const accepted = await fixture.service.invoke({
      functionName: 'fn',
      payload: '{"job":7}',
      invocationType: 'Event',
    });
    await until(() => expect(completed(fixture)).toBe(1));
    await clock.advance(59_999);
    const beforeFirstRetry = attempts(fixture);
    await clock.advance(1);
    await until(() => expect(completed(fixture)).toBe(2));
    await clock.advance(119_999);
    const beforeSecondRetry = attempts(fixture);
    await clock.advance(1);
    await until(() => expect(fixture.deadLetters).toHaveLength(1));

    // Assess
    expect(accepted).toMatchObject({ statusCode: 202, payload: '' });
    expect([beforeFirstRetry, beforeSecondRetry, attempts(fixture)]).toEqual([1, 2, 3]);
    expect(fixture.deadLetters[0]).toEqual({
      targetArn: DLQ,
      message: {
        body: '{"job":7}',
        attributes: { RequestID: accepted.requestId, ErrorCode: '200', ErrorMessage: 'always fails' },
      },
    });
    expect(queuedEvents(fixture)).toEqual([]);
  });

  it('honours MaximumRetryAttempts 0 by dead-lettering after the first failure', async () => {
    // Prepare
    const clock = new VirtualClock();
    const fixture = start(clock);
    fixture.service.createFunction(functionConfig(FAILING, { deadLetterTargetArn: DLQ }));
    fixture.service.putEventInvokeConfig('fn', { maximumRetryAttempts: 0 });

    // Act
    await fixture.service.invoke({ functionName: 'fn', payload: '{}', invocationType: 'Event' });
    await until(() => expect(fixture.deadLetters).toHaveLength(1));

    // Assess
    expect(attempts(fixture)).toBe(1);
  });

  it('dead-letters an event that outlives MaximumEventAgeInSeconds instead of retrying it', async () => {
    // Prepare
    const clock = new VirtualClock();
    const fixture = start(clock);
    fixture.service.createFunction(functionConfig(FAILING, { deadLetterTargetArn: DLQ }));
    fixture.service.putEventInvokeConfig('fn', { maximumEventAgeInSeconds: 60 });

    // Act
    await fixture.service.invoke({ functionName: 'fn', payload: '{}', invocationType: 'Event' });
    await until(() => expect(completed(fixture)).toBe(1));
    await clock.advance(60_000);
    await until(() => expect(completed(fixture)).toBe(2));
    await clock.advance(120_000);
    await until(() => expect(fixture.deadLetters).toHaveLength(1));

    // Assess
    expect(attempts(fixture)).toBe(2);
    expect(fixture.deadLetters[0]?.message.attributes.ErrorCode).toBe('200');
  });

  it('sends nothing to the dead-letter target when the function succeeds', async () => {
    // Prepare
    const clock = new VirtualClock();
    const fixture = start(clock);
    fixture.service.createFunction(
      functionConfig('exports.handler = async () => "fine";', { deadLetterTargetArn: DLQ }),
    );

    // Act
    await fixture.service.invoke({ functionName: 'fn', payload: '{}', invocationType: 'Event' });
    await until(() => expect(completed(fixture)).toBe(1));
    await clock.advance(600_000);

    // Assess
    expect(fixture.deadLetters).toEqual([]);
    expect(attempts(fixture)).toBe(1);
    expect(queuedEvents(fixture)).toEqual([]);
  });

  it('resumes a pending retry after a restart without losing or repeating the event', async () => {
    // Prepare
    const clock = new VirtualClock();
    const recorded: Recorded = { logs: [], metrics: [], deadLetters: [] };
    const first = start(clock, undefined, recorded);
    first.service.createFunction(functionConfig(FAILING, { deadLetterTargetArn: DLQ }));
    await first.service.invoke({ functionName: 'fn', payload: '{"n":1}', invocationType: 'Event' });
    await until(() => expect(queuedEvents(first)).toEqual([expect.objectContaining({ retries: 1 })]));
    await first.service.close();

    // Act
    const second = start(clock, first.dataDir, recorded);
    await clock.advance(60_000);
    await until(() => expect(completed(second)).toBe(2));
    await clock.advance(120_000);
    await until(() => expect(second.deadLetters).toHaveLength(1));
    await clock.advance(600_000);

    // Assess
    expect(attempts(second)).toBe(3);
    expect(second.deadLetters[0]?.message.body).toBe('{"n":1}');
  });

  it('counts DeadLetterErrors when the dead-letter target refuses the event', async () => {
    // Prepare
    const clock = new VirtualClock();
    const fixture = createFixture({ clock, deadLetter: async () => Promise.reject(new Error('queue gone')) });
    fixtures.push(fixture);
    fixture.service.createFunction(functionConfig(FAILING, { deadLetterTargetArn: DLQ }));
    fixture.service.putEventInvokeConfig('fn', { maximumRetryAttempts: 0 });

    // Act
    await fixture.service.invoke({ functionName: 'fn', payload: '{}', invocationType: 'Event' });

    // Assess
    await until(() => expect(fixture.metricValues('DeadLetterErrors', 'fn')).toEqual([1]));
  });
});
