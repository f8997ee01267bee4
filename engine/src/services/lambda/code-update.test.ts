import { afterEach, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../runtime/clock.ts';
import { zipSource } from './code-package.ts';
import { createFixture, type Fixture, functionConfig, invokeSync } from './service.fixture.ts';

/**
 * Each version answers its own marker and the host it runs in: `globalThis` belongs to the host
 * worker (environments are module instances inside it), so the mark tells whether two versions
 * shared a host. `wait` keeps an invocation in flight across an update.
 */
const version = (marker: string, init = ''): string => `
${init}
globalThis.__host ??= Math.random().toString(36).slice(2);
const env = Math.random().toString(36).slice(2);
exports.handler = async (event) => {
  if (event.wait) await new Promise((resolve) => setTimeout(resolve, event.wait));
  return { marker: ${JSON.stringify(marker)}, host: globalThis.__host, env, stage: process.env.STAGE ?? null };
};`;

type Answer = { marker: string; host: string; env: string; stage: string | null };
const answer = async (fixture: Fixture, payload: unknown = {}): Promise<Answer> => {
  const result = await invokeSync(fixture.service, payload);
  if (result.functionError) throw new Error(`function error: ${result.payload}`);
  return JSON.parse(result.payload) as Answer;
};

describe('code updates on a warm function', () => {
  let fixture: Fixture;
  afterEach(async () => fixture?.service.close());

  it('finishes the invocation in flight on the old code and serves the next from an environment of the new code in the same host', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(functionConfig(version('v1')));
    const warm = await answer(fixture);
    const inFlight = answer(fixture, { wait: 400 });
    const idleOld = await answer(fixture);

    // Act
    fixture.service.updateFunctionCode('fn', zipSource(version('v2')));
    const [first, second] = await Promise.all([answer(fixture, { wait: 50 }), answer(fixture, { wait: 50 })]);

    // Assess
    expect(await inFlight).toMatchObject({ marker: 'v1', host: warm.host });
    expect(idleOld).toMatchObject({ marker: 'v1', host: warm.host });
    // Both concurrent invocations got new-code environments (one each), none of the old idle one.
    expect([first?.marker, second?.marker]).toEqual(['v2', 'v2']);
    expect(first?.env).not.toBe(second?.env);
    expect([first?.host, second?.host]).toEqual([warm.host, warm.host]);
  });

  it('runs the new code’s init at the update and reports it with the first invocation', async () => {
    // Prepare
    fixture = createFixture();
    const clock = fixture.clock as VirtualClock;
    fixture.service.createFunction(functionConfig(version('v1')));
    await answer(fixture);
    const updatedAt = clock.now();

    // Act
    fixture.service.updateFunctionCode('fn', zipSource(version('v2', "console.log('init v2');")));
    await clock.advance(5000);
    const result = await invokeSync(fixture.service);

    // Assess
    const batch = fixture.logs.at(-1)?.events ?? [];
    const at = (pattern: RegExp) => batch.find((e) => pattern.test(e.message));
    const initStart = at(/^INIT_START /);
    const initLine = at(/\tINFO\tinit v2$/);
    const start = at(/^START RequestId: /);
    expect(JSON.parse(result.payload)).toMatchObject({ marker: 'v2' });
    expect(batch.map((e) => e.message.split(/[ \t]/)[0])).toEqual([
      'INIT_START',
      expect.stringMatching(/^\d{4}-/),
      'START',
      'END',
      'REPORT',
    ]);
    // The init ran at the update (engine clock), five seconds before the invocation started.
    expect(initStart?.timestamp).toBeGreaterThanOrEqual(updatedAt);
    expect(initStart?.timestamp).toBeLessThan(updatedAt + 5000);
    expect(initLine?.timestamp).toBeGreaterThanOrEqual(initStart?.timestamp ?? Number.NaN);
    expect(initLine?.timestamp).toBeLessThan(updatedAt + 5000);
    expect(start?.timestamp).toBe(updatedAt + 5000);
    expect(batch.at(-1)?.message).toMatch(/\tInit Duration: \d+\.\d\d ms$/);
  });

  it('reports a failing init of the new code on the next invocation and recovers with the next good code', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(functionConfig(version('v1')));
    const warm = await answer(fixture);

    // Act
    fixture.service.updateFunctionCode('fn', zipSource("throw new Error('broken at init');"));
    const broken = await invokeSync(fixture.service);
    fixture.service.updateFunctionCode('fn', zipSource(version('v3')));
    const fixed = await answer(fixture);

    // Assess
    expect(broken.functionError).toBe('Unhandled');
    expect(JSON.parse(broken.payload)).toMatchObject({ errorType: 'Error', errorMessage: 'broken at init' });
    expect(fixture.messages()).toContainEqual(
      expect.stringMatching(/\tERROR\tUncaught Exception \t.*broken at init/),
    );
    expect(fixed).toMatchObject({ marker: 'v3', host: warm.host });
  });

  it('starts a new host when the update changes the settings, and retires the old environments', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(functionConfig(version('v1'), { environment: { STAGE: 'one' } }));
    const warm = await answer(fixture);

    // Act
    fixture.service.updateFunctionConfiguration('fn', { environment: { STAGE: 'two' } });
    const after = await answer(fixture);

    // Assess
    expect(warm).toMatchObject({ marker: 'v1', stage: 'one' });
    expect(after).toMatchObject({ marker: 'v1', stage: 'two' });
    expect(after.host).not.toBe(warm.host);
  });
});
