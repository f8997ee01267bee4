/**
 * `npm run bench`: every figure with its baseline, measured in the same run on this machine.
 *   --seconds N   load duration per run (default 15)
 *   --only X      stack | request | startup | soak | reload (soak and reload run only when asked)
 *   --saves N     reload: number of saves (default 12)
 *   --connections 10,50   connection counts of the request-path runs
 *   --minutes N --rate R  soak duration (default 5) and steady rate in req/s (default 50)
 *   --console-tab  keep a console tab (live Requests view) open on the engine during request-path runs
 *   --watch       request path: also run each load against `tapstack up --watch` (the ratio with the watcher on)
 *   --warm-up N   request path: seconds of unmeasured load on each server before the measured phases (default 10)
 *   --rounds N --phase-seconds S   request path: N rounds of S-second phases per server, in turns (default 5 and 5)
 *   --only console-render [--rows N]  first render of each console view with N stored requests (default 100000)
 *   --only console-ab  one engine, a live console tab on and off in turns: what the tab costs (see console-ab.ts)
 *   --only round-trip  one call between two threads over loopback HTTP and over a worker port (see thread-round-trip.ts)
 * Loads target 127.0.0.1 only and stop by themselves.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBaseline, startEngine } from './baseline-run.ts';
import { peakRssDuring, startUntil, stop } from './child.ts';
import { consoleAb } from './console-ab.ts';
import { openConsoleTab } from './console-tab.ts';
import { checkItems, type ItemCheck } from './count-items.ts';
import { measureFunctionInit } from './function-init.ts';
import type { LoadResult } from './load.ts';
import { formatReload, measureReload } from './reload.ts';
import { median, runRounds, type ServerPhases } from './request-rounds.ts';
import { formatSoak, runSoak, soakOptionsFrom } from './soak.ts';
import { measureSynth } from './synth-time.ts';
import { measureRoundTrips } from './thread-round-trip.ts';
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
    rounds: { type: 'string', default: '5' },
    'phase-seconds': { type: 'string', default: '5' },
    rows: { type: 'string', default: '100000' },
  },
});
const seconds = Number(values.seconds);
const warmSeconds = Number(values['warm-up']);
const rounds = Number(values.rounds);
const phaseSeconds = Number(values['phase-seconds']);
const only = values.only;
const connectionLevels = values.connections.split(',').map(Number);
const ENGINE_TABLE = 'serverless-infrastructure-requests';

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
 * and the engine, loaded in turns in short phases (request-rounds.ts), at each connection count,
 * with CPU per request by process (baselines) and by thread (engine) over the measured phases.
 */
async function requestPath(): Promise<void> {
  console.log(
    `\n## Request path: small JSON POSTs, ${rounds} rounds of ${phaseSeconds} s phases per server after ${warmSeconds} s of unmeasured load on each, durable writes`,
  );
  console.log(`  machine: ${cpus().length} cores, load average ${loadAverage()} at the start`);
  for (const connections of connectionLevels) {
    console.log(`  c=${connections}:`);
    const independent = await startBaseline('independent');
    const inProcess = await startBaseline('in-process');
    const engine = await startEngine();
    const closeTab = values['console-tab'] ? await openConsoleTab(engine.endpoint) : undefined;
    try {
      const { result, peakMb } = await peakRssDuring(engine.pid, () =>
        runRounds(
          { independent, inProcess, engine },
          { connections, rounds, phaseSeconds, warmSeconds },
          (line) => console.log(line),
        ),
      );
      await closeTab?.();
      const lines: string[] = [];
      for (const [phases, extra] of [
        [result.independent, ''],
        [result.inProcess, ''],
        [result.engine, `rss ${fmt(peakMb, 0)} MB`],
      ] as const)
        lines.push(row(phases, checkItems(await phases.server.storedIds(), phases.okIds), extra));
      const served = (phases: ServerPhases) =>
        phases.phases.reduce((sum, phase) => sum + phase.ok + phase.non2xx, 0);
      const per = (ms: number | undefined, phases: ServerPhases): string =>
        `${fmt((ms ?? 0) / Math.max(1, served(phases)), 2)} ms`;
      const total = (phases: ServerPhases) => Object.values(phases.cpu).reduce((a, b) => a + b, 0);
      const range = (values: readonly number[]) => `${fmt(values[0] ?? 0, 2)}-${fmt(values.at(-1) ?? 0, 2)}`;
      const ratio = (rps: readonly number[], p99: readonly number[]) =>
        `${fmt(median(rps), 2)}x req/s (rounds ${range(rps)}), p99 ${fmt(median(p99), 2)}x`;
      const { cpu: e } = result.engine;
      lines.push(
        `  RATIO engine/independent baseline at ${connections} connections: ${ratio(result.ratios.independent, result.p99Ratios.independent)} (median of the rounds; targets >= 1.0x req/s, p99 <= 1.5x)`,
        `  ratio engine/in-process baseline at ${connections} connections: ${ratio(result.ratios.inProcess, result.p99Ratios.inProcess)}`,
        `  CPU per request  engine ${per(total(result.engine), result.engine)}: main ${per(e.main, result.engine)}, Lambda host worker ${per(e.worker, result.engine)}, libuv pool ${per(e['libuv-pool'], result.engine)}, Node's own threads ${per(e['node-own'], result.engine)}, threads started during the run ${per(e.later, result.engine)}`,
        `                   independent baseline ${per(total(result.independent), result.independent)}: handler process ${per(result.independent.cpu.handler, result.independent)}, dynalite process ${per(result.independent.cpu.store, result.independent)}`,
        `                   in-process baseline ${per(total(result.inProcess), result.inProcess)} (one process)`,
        `  load average after the run: ${loadAverage()}`,
      );
      console.log(lines.join('\n'));
      if (values.watch) {
        const watched = await loadWithWatcher(connections, phaseSeconds * rounds, ENGINE_TABLE, warmSeconds);
        const baseRps = mean(result.independent.phases.map((phase) => phase.requestsPerSecond));
        const baseP99 = median(result.independent.phases.map((phase) => phase.p99).sort((a, b) => a - b));
        console.log(
          [
            legacyRow(
              'watch',
              watched.load,
              watched.items,
              `rss ${fmt(watched.peakMb, 0)} MB  (${watched.watching})`,
            ),
            `  ratio engine with up --watch/independent baseline (mean of its phases) at ${connections} connections: ${fmt(watched.load.requestsPerSecond / baseRps, 2)}x req/s, p99 ${fmt(watched.load.p99 / Math.max(1, baseP99), 2)}x`,
          ].join('\n'),
        );
      }
    } finally {
      await closeTab?.().catch(() => {});
      await engine.close();
      await inProcess.close();
      await independent.close();
    }
  }
}

const mean = (values: readonly number[]): number =>
  values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/**
 * Items vs 2xx, request by request: every 2xx must have its item (`lost` 0), and the only items
 * without a 2xx are those of requests still in flight when a phase stopped (at most one per
 * connection per phase; their responses were never read).
 */
function itemsMatch(items: ItemCheck, ok: number, mayBeInFlight: number): string {
  return items.lost === 0 && items.items === ok + items.unanswered && items.unanswered <= mayBeInFlight
    ? `items = 2xx (${items.items} = ${ok} + ${items.unanswered} in flight at the stops)`
    : `ITEMS ${items.items} vs 2xx ${ok}: ${items.lost} acknowledged writes lost, ${items.unanswered} unanswered`;
}

/** A server's phases together: mean req/s, median p50 and p99, summed counts. */
function row(phases: ServerPhases, items: ItemCheck, extra = ''): string {
  const all = phases.phases;
  const sum = (pick: (r: LoadResult) => number) => all.reduce((total, r) => total + pick(r), 0);
  const mid = (pick: (r: LoadResult) => number) => median(all.map(pick).sort((a, b) => a - b));
  const connections = all[0]?.connections ?? 0;
  const match = itemsMatch(
    items,
    sum((r) => r.ok),
    connections * all.length,
  );
  return `  ${phases.server.name.padEnd(11)} c=${String(connections).padEnd(3)} ${fmt(mean(all.map((r) => r.requestsPerSecond)), 0).padStart(6)} req/s  p50 ${mid((r) => r.p50)} ms  p99 ${mid((r) => r.p99)} ms  non-2xx ${sum((r) => r.non2xx)}  errors ${sum((r) => r.errors)}  ${match}  ${extra}`;
}

/** One run's row (the watcher's single run). */
function legacyRow(name: string, r: LoadResult, items: ItemCheck, extra = ''): string {
  return `  ${name.padEnd(11)} c=${String(r.connections).padEnd(3)} ${fmt(r.requestsPerSecond, 0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.non2xx}  errors ${r.errors}  ${itemsMatch(items, r.ok, r.connections)}  ${extra}`;
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
if (only === 'round-trip') {
  console.log('\n## One call between two threads of one process: HTTP over loopback TCP, and a port message');
  console.log((await measureRoundTrips()).join('\n'));
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
