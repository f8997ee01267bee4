/**
 * `npm run bench -- --only console-ab [--connections 10,50] [--seconds 8]`: what one live console
 * tab costs the engine's request path, measured on ONE engine with the tab on and off in turns
 * (off, on, off, on...: four pairs per connection count), so that load from other processes, which
 * drifts over minutes on a shared machine, weighs on both sides alike. "On" is a headless Chromium
 * page on the live Requests view; "off" is the same browser on about:blank (the browser's own idle
 * cost is on both sides; what is measured is the view being open and live). Each "on" phase starts
 * once the view has loaded the whole window with its statuses (the requests of the phases before).
 * Each pair also prints the engine's CPU per request off and on, and the CPU all Chromium processes
 * used during the "on" phase: where the tab's cost goes (the engine's reads, or the browser on the
 * same cores).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startUntil, stop } from './child.ts';
import { BENCH_ID_HEADER, postLoad, WARM_UP_ID } from './load.ts';
import { processCpuMs } from './thread-cpu.ts';

const PAIRS = 4;
const UNTHROTTLED = ['-p', 'ThrottlingRateLimit=10000', '-p', 'ThrottlingBurstLimit=5000'];

/** CPU ms so far of every Chromium process (the browser, its renderers, GPU and utility processes). */
function chromiumCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim().startsWith('chrom'))
        total += processCpuMs(Number(entry));
    } catch {
      // The process ended while it was being read.
    }
  }
  return total;
}

const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

export async function consoleAb(connectionLevels: readonly number[], seconds: number): Promise<string[]> {
  const lines: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-bench-console-ab-'));
  const engine = await startUntil(
    process.execPath,
    ['dist/tapstack.js', 'up', '--data-dir', dataDir, '--port', '0', '--api-port', '0', ...UNTHROTTLED],
    'READY',
  );
  const [apiUrl = '', endpoint = ''] = engine.words;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    await (
      await fetch(apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [BENCH_ID_HEADER]: WARM_UP_ID },
        body: '{"warm":true}',
      })
    ).arrayBuffer();
    const page = await browser.newPage();
    // Warm-up (JIT, the function's environments), so the first "off" phase is not the coldest.
    await postLoad(apiUrl, Math.max(...connectionLevels), seconds);
    for (const connections of connectionLevels) {
      const off: number[] = [];
      const on: number[] = [];
      lines.push(`  c=${connections}, load average ${loadAverage()} at the start`);
      for (let pair = 0; pair < PAIRS; pair++) {
        await page.goto('about:blank');
        const offBefore = processCpuMs(engine.child.pid ?? 0);
        const offLoad = await postLoad(apiUrl, connections, seconds);
        const offMs = processCpuMs(engine.child.pid ?? 0) - offBefore;
        off.push(offLoad.requestsPerSecond);
        await page.goto(`${endpoint}/_console/#/requests`);
        // The view's first read of the window (every request of the runs before, and their
        // statuses) is over before the load starts: what is measured is the tab staying live.
        await page.waitForSelector('.vlist[data-complete]', { state: 'attached', timeout: 300_000 });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const engineBefore = processCpuMs(engine.child.pid ?? 0);
        const chromiumBefore = chromiumCpuMs();
        const onLoad = await postLoad(apiUrl, connections, seconds);
        const engineMs = processCpuMs(engine.child.pid ?? 0) - engineBefore;
        const chromiumMs = chromiumCpuMs() - chromiumBefore;
        on.push(onLoad.requestsPerSecond);
        const last = (a: number[]) => Math.round(a.at(-1) ?? 0);
        const perRequest = (ms: number, served: number) => `${(ms / Math.max(1, served)).toFixed(2)} ms`;
        lines.push(
          `    pair ${pair + 1}: off ${last(off)} req/s, on ${last(on)} req/s; engine CPU per request off ${perRequest(offMs, offLoad.ok)}, on ${perRequest(engineMs, onLoad.ok)}; Chromium CPU during "on" ${chromiumMs.toFixed(0)} ms (engine ${engineMs.toFixed(0)} ms)`,
        );
      }
      const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
      lines.push(
        `  c=${connections}: mean off ${mean(off).toFixed(0)} req/s, on ${mean(on).toFixed(0)} req/s: with the tab ${((mean(on) / mean(off) - 1) * 100).toFixed(1)}% (target: no worse than -5%), load average ${loadAverage()} at the end`,
      );
    }
  } finally {
    await browser.close();
    await stop(engine.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}
