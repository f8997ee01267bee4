/**
 * `npm run bench -- --watch`: the request-path load once more, against `tapstack up --watch`
 * running in a temporary copy of the project (the CDK app and every function source watched, as
 * `npm run dev` does), so the ratio with the watcher on sits beside the ratio without it.
 *
 * Why the watcher costs nothing per request while nothing changes: it is `fs.watch` on the
 * watched files' folders and on infra/ (inotify on Linux: the kernel queues events, no timer and
 * no polling runs in the engine), its debounce timer exists only between a save and its rebuild,
 * and the esbuild context waits idle in esbuild's own process. Nothing on the request path (the
 * HTTP API, Lambda's environment pool, DynamoDB) knows the dev loop exists: a save reaches the
 * running stack only through UpdateFunctionCode or a stack update, like any other client's.
 */
import { rmSync } from 'node:fs';
import { peakRssDuring, stop } from './child.ts';
import { benchIdsInTable, checkItems, type ItemCheck } from './count-items.ts';
import { type LoadResult, postLoad, warmUpLoad } from './load.ts';
import { copyProject, startDev } from './reload.ts';

export interface WatchedLoad {
  readonly load: LoadResult;
  readonly items: ItemCheck;
  readonly peakMb: number;
  /** The dev loop's "Watching …" line: proof the watcher was on during the load. */
  readonly watching: string;
}

export async function loadWithWatcher(
  connections: number,
  seconds: number,
  tableName: string,
  warmSeconds: number,
): Promise<WatchedLoad> {
  const project = copyProject();
  const output: string[] = [];
  const { child, ready } = startDev(project, output);
  try {
    const [apiUrl = '', endpoint = ''] = await ready;
    const watching = output.find((line) => line.startsWith('Watching ')) ?? 'NO WATCHING LINE';
    if (warmSeconds > 0) await warmUpLoad(apiUrl, connections, warmSeconds);
    const { result: load, peakMb } = await peakRssDuring(child.pid ?? 0, () =>
      postLoad(apiUrl, connections, seconds),
    );
    const items = checkItems(await benchIdsInTable(endpoint, tableName), load.okIds);
    return { load, items, peakMb, watching };
  } finally {
    await stop(child);
    rmSync(project, { recursive: true, force: true });
  }
}
