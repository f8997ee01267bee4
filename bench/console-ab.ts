/**
 * `npm run bench -- --only console-ab [--connections 10,50] [--seconds 8]`: what one live console
 * tab costs the engine's request path, measured on ONE engine with the tab on and off in turns
 * (off, on, off, ..., on, off: six "on" phases per connection count, each compared with the mean of
 * the "off" phases before and after it), so that load from other processes, which drifts over
 * minutes on a shared machine, and the engine slowing as its data grows weigh on both sides alike. "On" is a headless Chromium
 * page on the live Requests view; "off" is the same browser on about:blank (the browser's own idle
 * cost is on both sides; what is measured is the view being open and live). Each "on" phase starts
 * once the view has loaded the whole window with its statuses (the requests of the phases before),
 * and every phase with a few seconds of unmeasured load (SETTLE_SECONDS).
 * Each pair also prints the engine's CPU per request off and on, and the CPU all Chromium processes
 * used during the "on" phase: where the tab's cost goes (the engine's reads, or the browser on the
 * same cores).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startEngine } from './baseline-run.ts';
import { postLoad, warmUpLoad } from './load.ts';
import { processCpuMs } from './thread-cpu.ts';

/**
 * "On" phases per connection count. The machine's own speed drifts by ±20% over tens of seconds
 * (other tenants of the host: the Lambda host worker, which the console never touches, slows as
 * much as the main thread), so the figure is the median of the phases' ratios, which one slow
 * phase cannot move, with the ratio of the means beside it.
 */
const PAIRS = 6;
/**
 * Unmeasured load at the start of every phase, on both sides: opening the view reads the whole
 * window once (its cost is the first-render figure of console-render.ts), and the engine is still
 * collecting that read's garbage for a few seconds after; a phase measures the tab staying live.
 */
const SETTLE_SECONDS = 3;

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
  const engine = await startEngine();
  const { apiUrl, endpoint } = engine;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    // Warm-up (JIT, the function's environments), so the first "off" phase is not the coldest.
    await postLoad(apiUrl, Math.max(...connectionLevels), seconds);
    for (const connections of connectionLevels) {
      lines.push(`  c=${connections}, load average ${loadAverage()} at the start`);
      const offPhase = async () => {
        await page.goto('about:blank');
        await warmUpLoad(apiUrl, connections, SETTLE_SECONDS);
        const before = processCpuMs(engine.pid);
        const load = await postLoad(apiUrl, connections, seconds);
        return {
          rps: load.requestsPerSecond,
          cpuMs: processCpuMs(engine.pid) - before,
          ok: load.ok,
        };
      };
      const onPhase = async () => {
        await page.goto(`${endpoint}/_console/#/requests`);
        // The view's first read of the window (every request of the runs before, and their
        // statuses) is over before the load starts: what is measured is the tab staying live.
        await page.waitForSelector('.vlist[data-complete]', { state: 'attached', timeout: 300_000 });
        await warmUpLoad(apiUrl, connections, SETTLE_SECONDS);
        const before = processCpuMs(engine.pid);
        const chromiumBefore = chromiumCpuMs();
        const load = await postLoad(apiUrl, connections, seconds);
        return {
          rps: load.requestsPerSecond,
          cpuMs: processCpuMs(engine.pid) - before,
          ok: load.ok,
          chromiumMs: chromiumCpuMs() - chromiumBefore,
        };
      };
      const perRequest = (ms: number, served: number) => `${(ms / Math.max(1, served)).toFixed(2)} ms`;
      // off, on, off, on, ..., off: each "on" is compared with the "off" phases on both sides of
      // it, so a drift of the engine's speed as its data grows weighs on both sides alike.
      const offs = [await offPhase()];
      const ratios: number[] = [];
      const on: number[] = [];
      for (let pair = 0; pair < PAIRS; pair++) {
        const live = await onPhase();
        const after = await offPhase();
        const before = offs.at(-1) ?? after;
        offs.push(after);
        on.push(live.rps);
        ratios.push(live.rps / ((before.rps + after.rps) / 2));
        lines.push(
          `    on ${pair + 1}: ${Math.round(live.rps)} req/s between off ${Math.round(before.rps)} and ${Math.round(after.rps)} req/s; engine CPU per request on ${perRequest(live.cpuMs, live.ok)}, off after ${perRequest(after.cpuMs, after.ok)}; Chromium CPU during "on" ${live.chromiumMs.toFixed(0)} ms (engine ${live.cpuMs.toFixed(0)} ms)`,
        );
      }
      const off = offs.map((phase) => phase.rps);
      const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
      const change = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)}%`;
      ratios.sort((a, b) => a - b);
      const middle = ratios.length / 2;
      const median =
        ratios.length % 2 === 1
          ? (ratios[Math.floor(middle)] ?? 1)
          : ((ratios[middle - 1] ?? 1) + (ratios[middle] ?? 1)) / 2;
      lines.push(
        `  c=${connections}: with the tab ${change(median)} (median over the "on" phases, each against the "off" phases around it; target: no worse than -5%); mean off ${mean(off).toFixed(0)} req/s, on ${mean(on).toFixed(0)} req/s (${change(mean(on) / mean(off))}); load average ${loadAverage()} at the end`,
      );
    }
  } finally {
    await browser.close();
    await engine.close();
  }
  return lines;
}
