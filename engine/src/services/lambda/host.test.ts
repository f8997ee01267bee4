import { afterEach, describe, expect, it } from 'vitest';
import { Host, type HostOptions, hostShape } from './host.ts';
import { defaultHostEntry, defaultNodeModulesDir } from './host-entry.ts';

const options = (code: string, overrides: Partial<HostOptions> = {}): HostOptions => ({
  entry: defaultHostEntry(),
  env: {},
  heapLimitMb: 192,
  graceMs: 100,
  initLimitMs: 300,
  config: {
    code,
    handler: 'index.handler',
    functionName: 'fn',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn',
    memorySizeMb: 128,
    logGroupName: '/aws/lambda/fn',
    logFormat: 'Text',
    nodeModulesDir: defaultNodeModulesDir(),
  },
  ...overrides,
});

const until = async (test: () => boolean, timeoutMs: number): Promise<boolean> => {
  const end = Date.now() + timeoutMs;
  while (!test() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
  return test();
};

describe('a host worker', () => {
  let host: Host | undefined;
  afterEach(async () => host?.terminate());

  it('ends when a prewarmed init outlasts the init limit, and answers later invocations as lost', async () => {
    // Prepare
    let gone = false;
    host = new Host(options('for (;;) {}'), 1, () => {
      gone = true;
    });
    const env = host.newEnvironment(1);

    // Act
    host.prewarm(env, 'stream', 0);
    const ended = await until(() => gone, 15_000);
    const after = await host.run({
      k: 'invoke',
      env,
      id: 'request-1',
      payload: '{}',
      stream: 'stream',
      timeoutMs: 1000,
      cold: true,
      clockOffsetMs: 0,
    });

    // Assess
    expect(ended).toBe(true);
    expect(host.isAlive).toBe(false);
    expect(after).toMatchObject({ k: 'lost', id: 'request-1' });
  });

  it('runs new code in new environments while an environment of the old code keeps its own', async () => {
    // Prepare
    const version = (v: string) =>
      `const v = '${v}'; exports.handler = async (e) => { if (e.wait) await new Promise((r) => setTimeout(r, e.wait)); return v; };`;
    host = new Host(options(version('one')), 1, () => {});
    const invoke = (env: number, id: string, payload: unknown) =>
      host?.run({
        k: 'invoke',
        env,
        id,
        payload: JSON.stringify(payload),
        stream: `stream-${env}`,
        timeoutMs: 3000,
        cold: true,
        clockOffsetMs: 0,
      });
    const oldEnv = host.newEnvironment(1);
    const inFlight = invoke(oldEnv, 'old', { wait: 300 });

    // Act
    host.load(2, version('two'));
    const newEnv = host.newEnvironment(2);
    const fresh = await invoke(newEnv, 'new', {});

    // Assess
    expect(await inFlight).toMatchObject({ k: 'done', outcome: 'ok', payload: '"one"' });
    expect(fresh).toMatchObject({ k: 'done', outcome: 'ok', payload: '"two"' });
  });

  it('treats hosts that differ only in code as interchangeable, and any setting as a difference', () => {
    // Assess
    expect(hostShape(options('a'))).toBe(hostShape(options('b')));
    expect(hostShape(options('a'))).not.toBe(hostShape(options('a', { env: { STAGE: 'x' } })));
    expect(hostShape(options('a'))).not.toBe(hostShape(options('a', { heapLimitMb: 256 })));
  });
});
