/**
 * One measured run of a baseline (bench/baseline-server.ts) at a connection count: started, warmed
 * with the same unmeasured load as the engine, loaded, its items checked request by request, and
 * stopped, with CPU per request by process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Started, startUntil, stop } from './child.ts';
import { benchIdsInTable, checkItems, type ItemCheck } from './count-items.ts';
import { BENCH_ID_HEADER, type LoadResult, postLoad, WARM_UP_ID, warmUpLoad } from './load.ts';
import { processCpuMs } from './thread-cpu.ts';

export type BaselineKind = 'independent' | 'in-process';

export interface BaselineRun {
  readonly kind: BaselineKind;
  readonly load: LoadResult;
  readonly items: ItemCheck;
  /** CPU ms over the measured run: the handler's process, and dynalite's (independent only). */
  readonly cpu: { readonly handler: number; readonly store: number };
}

const BASELINE_TABLE = 'bench-requests';

export async function measureBaseline(
  kind: BaselineKind,
  connections: number,
  seconds: number,
  warmSeconds: number,
): Promise<BaselineRun> {
  const dir = mkdtempSync(join(tmpdir(), `tapstack-bench-${kind}-`));
  let store: Started | undefined;
  let handler: Started | undefined;
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
    if (warmSeconds > 0) await warmUpLoad(apiUrl, connections, warmSeconds);
    const pids = { handler: handler.child.pid ?? 0, store: store?.child.pid };
    const cpuNow = () => ({
      handler: processCpuMs(pids.handler),
      store: pids.store === undefined ? 0 : processCpuMs(pids.store),
    });
    const before = cpuNow();
    const load = await postLoad(apiUrl, connections, seconds);
    const after = cpuNow();
    const items = checkItems(await benchIdsInTable(dynamoUrl, BASELINE_TABLE), load.okIds);
    return {
      kind,
      load,
      items,
      cpu: { handler: after.handler - before.handler, store: after.store - before.store },
    };
  } finally {
    if (handler) await stop(handler.child);
    if (store) await stop(store.child);
    rmSync(dir, { recursive: true, force: true });
  }
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
