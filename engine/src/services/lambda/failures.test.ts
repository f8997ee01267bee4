import { afterEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../runtime/clock.ts';
import { createFixture, type Fixture, functionConfig, invokeSync } from './service.fixture.ts';

describe('invocation failures', () => {
  let fixture: Fixture;
  afterEach(async () => fixture?.service.close());

  it('reports a thrown error as Unhandled with errorType, errorMessage and trace', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(
      functionConfig('exports.handler = async () => { throw new TypeError("bad input"); };'),
    );

    // Act
    const result = await invokeSync(fixture.service);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.functionError).toBe('Unhandled');
    const body = JSON.parse(result.payload);
    expect(body).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    expect(body.trace[0]).toBe('TypeError: bad input');
    expect(fixture.metricValues('Errors', 'fn')).toEqual([1]);
    expect(
      fixture.messages().some((m) => m.includes('\tERROR\tInvoke Error \t{"errorType":"TypeError"')),
    ).toBe(true);
  });

  it('supports callback handlers and answers null for undefined results', async () => {
    // Prepare
    fixture = createFixture();
    const code = `exports.handler = (event, context, callback) => {
      if (event.fail) return setTimeout(() => callback(new Error('nope')), 1);
      setTimeout(() => callback(null, event.value), 1);
    };`;
    fixture.service.createFunction(functionConfig(code));

    // Act
    const ok = await invokeSync(fixture.service, { value: { a: 1 } });
    const nothing = await invokeSync(fixture.service, {});
    const failed = await invokeSync(fixture.service, { fail: true });

    // Assess
    expect(ok.payload).toBe('{"a":1}');
    expect(nothing.payload).toBe('null');
    expect(failed.functionError).toBe('Unhandled');
    expect(JSON.parse(failed.payload).errorMessage).toBe('nope');
  });

  it('times out a hung invocation, discards its environment and serves the next from a fresh one', async () => {
    // Prepare
    fixture = createFixture({ clock: new RealClock() });
    const code = `let calls = 0; exports.handler = async (event) => { calls++; if (event.hang) await new Promise(() => {}); return calls; };`;
    fixture.service.createFunction(functionConfig(code, { timeoutSeconds: 1 }));

    // Act
    const timedOut = await invokeSync(fixture.service, { hang: true });
    const next = await invokeSync(fixture.service, {});

    // Assess
    expect(timedOut.functionError).toBe('Unhandled');
    expect(JSON.parse(timedOut.payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${timedOut.requestId} Error: Task timed out after 1.00 seconds`,
    });
    expect(next.payload).toBe('1');
    expect(fixture.messages()).toContainEqual(expect.stringMatching(/Task timed out after 1\.00 seconds$/));
    expect(fixture.messages()).toContainEqual(expect.stringMatching(/^REPORT .*\tStatus: timeout$/));
  });

  it('replaces a host blocked by a synchronous infinite loop', async () => {
    // Prepare
    fixture = createFixture({ clock: new RealClock() });
    const code = `exports.handler = async (event) => { if (event.spin) for (;;) {} return 'alive'; };`;
    fixture.service.createFunction(functionConfig(code, { timeoutSeconds: 1 }));
    await invokeSync(fixture.service, {});

    // Act
    const spun = await invokeSync(fixture.service, { spin: true });
    const next = await invokeSync(fixture.service, {});

    // Assess
    expect(JSON.parse(spun.payload).errorType).toBe('Sandbox.Timedout');
    expect(next.payload).toBe('"alive"');
  });

  it('turns process.exit into Runtime.ExitError and discards only that environment', async () => {
    // Prepare
    fixture = createFixture();
    const code = `const id = Math.random(); exports.handler = async (event) => { if (event.exit) process.exit(3); return id; };`;
    fixture.service.createFunction(functionConfig(code));
    const before = await invokeSync(fixture.service, {});

    // Act
    const exited = await invokeSync(fixture.service, { exit: true });
    const after = await invokeSync(fixture.service, {});

    // Assess
    expect(exited.functionError).toBe('Unhandled');
    expect(JSON.parse(exited.payload)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${exited.requestId} Error: Runtime exited with error: exit status 3`,
    });
    expect(after.payload).not.toBe(before.payload);
    expect(fixture.messages()).toContainEqual(
      expect.stringMatching(/Status: error\tError Type: Runtime.ExitError$/),
    );
  });

  it('fails an invocation that exhausts memory and serves the next one from a new host', async () => {
    // Prepare
    fixture = createFixture();
    const code = `const keep = []; exports.handler = async (event) => {
      if (event.hog) for (;;) keep.push(new Array(1e6).fill(Math.random()));
      return 'ok';
    };`;
    fixture.service.createFunction(functionConfig(code, { memorySizeMb: 128 }));

    // Act
    const hog = await invokeSync(fixture.service, { hog: true });
    const next = await invokeSync(fixture.service, {});

    // Assess
    expect(hog.functionError).toBe('Unhandled');
    expect(JSON.parse(hog.payload).errorType).toBe('Runtime.OutOfMemory');
    expect(next.payload).toBe('"ok"');
  });

  it('reports init failures: a missing handler export and a module that throws', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(functionConfig('exports.other = () => 1;'));
    fixture.service.createFunction(functionConfig('throw new Error("init boom");', { name: 'broken' }));

    // Act
    const missing = await invokeSync(fixture.service);
    const broken = await invokeSync(fixture.service, {}, 'broken');

    // Assess
    expect(JSON.parse(missing.payload)).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is undefined or not exported',
    });
    expect(JSON.parse(broken.payload)).toMatchObject({ errorType: 'Error', errorMessage: 'init boom' });
  });

  it('rejects a payload that is not JSON without running the handler', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(functionConfig('exports.handler = async () => 1;'));

    // Act
    const error = await fixture.service
      .invoke({ functionName: 'fn', payload: '{not json', invocationType: 'RequestResponse' })
      .catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'InvalidRequestContentException', status: 400 });
    expect(fixture.metricValues('Invocations', 'fn')).toEqual([]);
  });
});
