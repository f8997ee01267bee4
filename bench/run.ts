/**
 * `npm run bench`: every figure with its baseline, measured in the same run on this machine.
 *   --seconds N   load duration per run (default 15)
 *   --only X      stack | request | startup | soak | reload (soak and reload run only when asked)
 *   --saves N     reload: number of saves (default 12)
 *   --connections 10,50   connection counts of the request-path runs
 *   --minutes N --rate R  soak duration (default 5) and steady rate in req/s (default 50)
 *   --console-tab  keep a console tab (live Requests view) open on the engine during request-path runs
 *   --watch       request path: also run each load against `tapstack up --watch` (the ratio with the watcher on)
 *   --warm-up N   request path: seconds of unmeasured load on each server before its measured run (default 10)
 *   --only console-render [--rows N]  first render of each console view with N stored requests (default 100000)
 *   --only console-ab  one engine, a live console tab on and off in turns: what the tab costs (see console-ab.ts)
 * Loads target 127.0.0.1 only and stop by themselves.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { firstRequest, measureBaseline } from './baseline-run.ts';
import { peakRssDuring, startUntil, stop } from './child.ts';
import { consoleAb } from './console-ab.ts';
import { openConsoleTab } from './console-tab.ts';
import { benchIdsInTable, checkItems, type ItemCheck } from './count-items.ts';
import { measureFunctionInit } from './function-init.ts';
import { type LoadResult, postLoad, warmUpLoad } from './load.ts';
import { formatReload, measureReload } from './reload.ts';
import { formatSoak, runSoak, soakOptionsFrom } from './soak.ts';
import { measureSynth } from './synth-time.ts';
import { classifyThreads, cpuByClass, threadCpuMs } from './thread-cpu.ts';
import { loadWithWatcher } from './watch-load.ts';

// Child processes inherit this: the SDK's Node 20 end-of-support notice is noise in figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    only: { type: 'string' },
    connections: { type: 'string', default: '10,50' },
    minutes: { type: 'string' },
    rate: { type: 'string' },
    saves: { type: 'string', default: '12' },
    'console-tab': { type: 'boolean', default: false },
    watch: { type: 'boolean', default: false },
    'warm-up': { type: 'string', default: '10' },
    rows: { type: 'string', default: '100000' },
  },
});
const seconds = Number(values.seconds);
const warmSeconds = Number(values['warm-up']);
const only = values.only;
const connectionLevels = values.connections.split(',').map(Number);
const ENGINE_TABLE = 'serverless-infrastructure-requests';

// The stack's stage throttling (100 req/s by default) would answer most of the load with 429; the
// benchmark measures the request path, so it deploys with the account's default quotas instead.
const UNTHROTTLED = ['-p', 'ThrottlingRateLimit=10000', '-p', 'ThrottlingBurstLimit=5000'];

const fmt = (n: number, digits = 1): string => n.toFixed(digits);

function stackFigures(): void {
  const init = measureFunctionInit();
  console.log('## Stack');
  console.log(
    `lib/TapStack.json        ${statSync('lib/TapStack.json').size} bytes (limit 51,200 for aws cloudformation deploy)`,
  );
  console.log(`function bundle          ${init.bundleBytes} bytes minified`);
  console.log(
    `function module init     ${fmt(init.initMs)} ms median of 7 fresh processes (target < 100 ms); empty module ${fmt(init.emptyModuleMs, 2)} ms; ratio ${fmt(init.initMs / init.emptyModuleMs)}x`,
  );
  const synth = measureSynth();
  console.log(
    `synth                    bundle ${fmt(synth.bundleMs, 0)} ms + CDK render with cdk-nag ${fmt(synth.renderMs, 0)} ms (with CDK's CloudFormation validator, as npm run synth: ${fmt(synth.renderWithValidationMs, 0)} ms); ratio synth/bundle ${fmt((synth.bundleMs + synth.renderMs) / synth.bundleMs)}x`,
  );
}

const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/**
 * The two baselines (the same handler in a plain http server with the AWS SDK v3 client, against
 * stock dynalite in its own process, and against the engine's DynamoDB service in its own process)
 * and the engine, back to back at each connection count, with CPU per request by process
 * (baselines) and by thread (engine) over the load run.
 */
async function requestPath(): Promise<void> {
  console.log(
    `\n## Request path: small JSON POSTs, ${seconds} s per run after ${warmSeconds} s of unmeasured load on the same server, durable writes`,
  );
  console.log(`  machine: ${cpus().length} cores, load average ${loadAverage()} at the start`);
  const rows: string[] = [];
  for (const connections of connectionLevels) {
    const independent = await measureBaseline('independent', connections, seconds, warmSeconds);
    const inProcess = await measureBaseline('in-process', connections, seconds, warmSeconds);
    const baseLoad = independent.load;

    const engineDir = mkdtempSync(join(tmpdir(), 'tapstack-bench-engine-'));
    const engine = await startUntil(
      process.execPath,
      ['dist/tapstack.js', 'up', '--data-dir', engineDir, '--port', '0', '--api-port', '0', ...UNTHROTTLED],
      'READY',
    );
    const [apiUrl = '', endpoint = ''] = engine.words;
    const enginePid = engine.child.pid ?? 0;
    await firstRequest(apiUrl);
    // Threads are told apart while the engine is idle (thread-cpu.ts), so before the warm-up load.
    const classes = classifyThreads(enginePid);
    const closeTab = values['console-tab'] ? await openConsoleTab(endpoint) : undefined;
    if (warmSeconds > 0) await warmUpLoad(apiUrl, connections, warmSeconds);
    const engineBefore = threadCpuMs(enginePid);
    const { result: engineLoad, peakMb } = await peakRssDuring(enginePid, () =>
      postLoad(apiUrl, connections, seconds),
    );
    const engineCpu = cpuByClass(classes, engineBefore, threadCpuMs(enginePid));
    await closeTab?.();
    const engineItems = checkItems(await benchIdsInTable(endpoint, ENGINE_TABLE), engineLoad.okIds);
    await stop(engine.child);
    rmSync(engineDir, { recursive: true, force: true });

    const per = (ms: number, r: LoadResult): string => `${fmt(ms / Math.max(1, r.ok + r.non2xx), 2)} ms`;
    const engineTotal = Object.values(engineCpu).reduce((a, b) => a + b, 0);
    const ratio = (base: LoadResult): string =>
      `${fmt(engineLoad.requestsPerSecond / base.requestsPerSecond, 2)}x req/s, p99 ${fmt(engineLoad.p99 / Math.max(1, base.p99), 2)}x`;
    rows.push(
      row('independent', independent.load, independent.items),
      row('in-process', inProcess.load, inProcess.items),
      row('engine', engineLoad, engineItems, `rss ${fmt(peakMb, 0)} MB`),
      `  RATIO engine/independent baseline at ${connections} connections: ${ratio(independent.load)} (targets >= 1.0x req/s, p99 <= 1.5x)`,
      `  ratio engine/in-process baseline at ${connections} connections: ${ratio(inProcess.load)}`,
      `  CPU per request  engine ${per(engineTotal, engineLoad)}: main ${per(engineCpu.main, engineLoad)}, Lambda host worker ${per(engineCpu.worker, engineLoad)}, libuv pool ${per(engineCpu['libuv-pool'], engineLoad)}, Node's own threads ${per(engineCpu['node-own'], engineLoad)}, threads started during the run ${per(engineCpu.later, engineLoad)}`,
      `                   independent baseline ${per(independent.cpu.handler + independent.cpu.store, baseLoad)}: handler process ${per(independent.cpu.handler, baseLoad)}, dynalite process ${per(independent.cpu.store, baseLoad)}`,
      `                   in-process baseline ${per(inProcess.cpu.handler, inProcess.load)} (one process)`,
      `  load average after the run: ${loadAverage()}`,
    );
    if (values.watch) {
      const watched = await loadWithWatcher(connections, seconds, ENGINE_TABLE, warmSeconds);
      rows.push(
        row('watch', watched.load, watched.items, `rss ${fmt(watched.peakMb, 0)} MB  (${watched.watching})`),
        `  ratio engine with up --watch/baseline at ${connections} connections: ${fmt(watched.load.requestsPerSecond / baseLoad.requestsPerSecond, 2)}x req/s, p99 ${fmt(watched.load.p99 / Math.max(1, baseLoad.p99), 2)}x`,
      );
    }
  }
  console.log(rows.join('\n'));
}

/**
 * Items vs 2xx, request by request: every 2xx must have its item (`lost` 0), and the only items
 * without a 2xx are those of requests still in flight when autocannon stopped (at most one per
 * connection; their responses were never read).
 */
function row(name: string, r: LoadResult, items: ItemCheck, extra = ''): string {
  const cutOff = items.unanswered <= r.connections;
  const match =
    items.lost === 0 && items.items === r.ok + items.unanswered && cutOff
      ? `items = 2xx (${items.items} = ${r.ok} + ${items.unanswered} in flight at the stop)`
      : `ITEMS ${items.items} vs 2xx ${r.ok}: ${items.lost} acknowledged writes lost, ${items.unanswered} unanswered`;
  return `  ${name.padEnd(11)} c=${String(r.connections).padEnd(3)} ${fmt(r.requestsPerSecond, 0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.non2xx}  errors ${r.errors}  ${match}  ${extra}`;
}

async function startup(): Promise<void> {
  console.log('\n## Start-up: `tapstack up` to the first 200 (excluding npm install)');
  const dir = mkdtempSync(join(tmpdir(), 'tapstack-bench-start-'));
  for (const label of ['fresh data directory', 'existing data directory']) {
    const began = performance.now();
    const engine = await startUntil(
      process.execPath,
      ['dist/tapstack.js', 'up', '--data-dir', dir, '--port', '0', '--api-port', '0'],
      'READY',
    );
    const response = await fetch(engine.words[0] ?? '', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    const elapsed = performance.now() - began;
    console.log(
      `  ${label.padEnd(24)} ${fmt(elapsed, 0)} ms to first ${response.status} (target ${label.startsWith('fresh') ? 2000 : 1000} ms)`,
    );
    await stop(engine.child);
  }
  const nodeBegan = performance.now();
  await startUntil(process.execPath, ['-e', 'console.log("READY")'], 'READY');
  console.log(
    `  baseline: a bare node process prints its first line in ${fmt(performance.now() - nodeBegan, 0)} ms`,
  );
  rmSync(dir, { recursive: true, force: true });
}

if (!only || only === 'stack') stackFigures();
if (!only || only === 'request') await requestPath();
if (!only || only === 'startup') await startup();
if (only === 'soak') {
  const soak = await runSoak(soakOptionsFrom({ minutes: values.minutes, rate: values.rate }));
  console.log(formatSoak(soak));
  if (!soak.passed) process.exitCode = 1;
}
if (only === 'console-ab') {
  console.log(`\n## One live console tab, on and off in turns on one engine (${seconds} s per phase)`);
  console.log((await consoleAb(connectionLevels, seconds)).join('\n'));
}
if (only === 'console-render') {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/console-render.ts', '--rows', values.rows],
    {
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) process.exitCode = 1;
}
if (only === 'reload') {
  const figures = await measureReload(Number(values.saves));
  console.log(formatReload(figures));
  if (figures.failed > 0) process.exitCode = 1;
}
