/**
 * The servers the request-path bench loads in turns, each kept running for the whole comparison:
 * the two baselines (bench/baseline-server.ts: the same handler in a plain http server, against
 * stock dynalite in its own process, or against the engine's DynamoDB service in the handler's
 * process) and the engine (`tapstack up`). Each reports its CPU so far by part (process or thread
 * class) and the bench ids its table holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Started, startUntil, stop } from './child.ts';
import { benchIdsInTable } from './count-items.ts';
import { BENCH_ID_HEADER, WARM_UP_ID } from './load.ts';
import { classifyThreads, cpuByClass, processCpuMs, threadCpuMs } from './thread-cpu.ts';

export type ServerName = 'independent' | 'in-process' | 'engine';

export interface BenchServer {
  readonly name: ServerName;
  readonly apiUrl: string;
  readonly pid: number;
  /** CPU ms so far, by part: `handler` and `store` processes, or the engine's thread classes. */
  cpu(): Record<string, number>;
  /** The bench ids of the items stored (warm-up requests left out). */
  storedIds(): Promise<string[]>;
  close(): Promise<void>;
}

const BASELINE_TABLE = 'bench-requests';
const ENGINE_TABLE = 'serverless-infrastructure-requests';
// The stack's stage throttling (100 req/s by default) would answer most of the load with 429; the
// benchmark measures the request path, so it deploys with the account's default quotas instead.
const UNTHROTTLED = ['-p', 'ThrottlingRateLimit=10000', '-p', 'ThrottlingBurstLimit=5000'];

export async function startBaseline(kind: 'independent' | 'in-process'): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), `tapstack-bench-${kind}-`));
  let store: Started | undefined;
  let handler: Started | undefined;
  const close = async () => {
    if (handler) await stop(handler.child);
    if (store) await stop(store.child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (kind === 'independent')
      store = await startUntil(process.execPath, ['bench/dynalite-server.mjs', dir], 'READY');
    const storeArgs = store ? [store.words[0] ?? ''] : ['--embedded', dir];
    handler = await startUntil(
      process.execPath,
      ['--import', 'tsx', 'bench/baseline-server.ts', ...storeArgs],
      'READY',
    );
    const [apiUrl = '', dynamoUrl = ''] = handler.words;
    await firstRequest(apiUrl);
    const handlerPid = handler.child.pid ?? 0;
    const storePid = store?.child.pid;
    return {
      name: kind,
      apiUrl,
      pid: handlerPid,
      cpu: () => ({
        handler: processCpuMs(handlerPid),
        ...(storePid === undefined ? {} : { store: processCpuMs(storePid) }),
      }),
      storedIds: () => benchIdsInTable(dynamoUrl, BASELINE_TABLE),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface EngineServer extends BenchServer {
  /** The AWS endpoint (where the console is served). */
  readonly endpoint: string;
}

export async function startEngine(): Promise<EngineServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tapstack-bench-engine-'));
  const engine = await startUntil(
    process.execPath,
    ['dist/tapstack.js', 'up', '--data-dir', dir, '--port', '0', '--api-port', '0', ...UNTHROTTLED],
    'READY',
  );
  const [apiUrl = '', endpoint = ''] = engine.words;
  const pid = engine.child.pid ?? 0;
  await firstRequest(apiUrl);
  // Threads are told apart while the engine is idle (thread-cpu.ts), so before any load.
  const classes = classifyThreads(pid);
  return {
    name: 'engine',
    apiUrl,
    endpoint,
    pid,
    cpu: () => cpuByClass(classes, new Map(), threadCpuMs(pid)),
    storedIds: () => benchIdsInTable(endpoint, ENGINE_TABLE),
    close: async () => {
      await stop(engine.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One POST that makes a server's lazily created parts exist (for the engine: its environment). */
export async function firstRequest(url: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [BENCH_ID_HEADER]: WARM_UP_ID },
    body: '{"warm":true}',
  });
  await response.arrayBuffer();
}
