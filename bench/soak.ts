/**
 * Soak: `tapstack up` under a steady request rate for minutes, to catch what short runs miss — slow
 * leaks, lost writes, errors that only show after a while. Not a test (it takes minutes).
 *   tsx bench/soak.ts --minutes 5 --rate 50 [--connections 10]
 *   npm run bench -- --only soak [--minutes 5] [--rate 50]
 * Reports error responses, lost writes (2xx answered vs items stored) and the engine's resident
 * memory after minute 1 vs at the end (the soak passes when they are within 20%). Loopback only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startUntil, stop } from './child.ts';
import { countItems } from './count-items.ts';

export interface SoakOptions {
  readonly minutes: number;
  /** Requests per second across all connections (autocannon `overallRate`). */
  readonly rate: number;
  readonly connections: number;
}

export interface SoakResult extends SoakOptions {
  readonly requests: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly items: number;
  readonly lostWrites: number;
  readonly p50: number;
  readonly p99: number;
  readonly rssAfterMinuteOneMb: number;
  readonly rssAtEndMb: number;
  readonly rssGrowth: number;
  readonly passed: boolean;
}

export const DEFAULT_SOAK: SoakOptions = { minutes: 5, rate: 50, connections: 10 };
const TABLE = 'serverless-infrastructure-requests';
/** The soak's pass bound on resident memory growth from minute 1 to the end. */
const MAX_RSS_GROWTH = 0.2;

function rssMb(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

export async function runSoak(options: SoakOptions = DEFAULT_SOAK): Promise<SoakResult> {
  const { minutes, rate, connections } = options;
  if (!(minutes > 1)) throw new Error('--minutes must be more than 1 (memory is compared with minute 1)');
  if (!(rate > 0)) throw new Error('--rate must be a positive number of requests per second');
  const dir = mkdtempSync(join(tmpdir(), 'tapstack-soak-'));
  // The stage's throttling must not be what the soak measures: set it well above the soak's rate.
  const limit = String(Math.max(100, rate * 4));
  const engine = await startUntil(
    process.execPath,
    ['dist/tapstack.js', 'up', '--data-dir', dir, '--port', '0', '--api-port', '0'].concat([
      '-p',
      `ThrottlingRateLimit=${limit}`,
      '-p',
      `ThrottlingBurstLimit=${limit}`,
    ]),
    'READY',
  );
  try {
    const [apiUrl = '', endpoint = ''] = engine.words;
    if (!/^http:\/\/127\.0\.0\.1:/.test(apiUrl))
      throw new Error(`soak targets 127.0.0.1 only, not ${apiUrl}`);
    const pid = engine.child.pid ?? 0;
    let rssAfterMinuteOneMb = Number.NaN;
    const minuteOne = setTimeout(() => {
      rssAfterMinuteOneMb = rssMb(pid);
    }, 60_000);
    const progress = setInterval(
      () => console.log(`  … ${new Date().toISOString()} rss ${rssMb(pid).toFixed(0)} MB`),
      60_000,
    );
    const load = await autocannon({
      url: apiUrl,
      method: 'POST',
      connections,
      overallRate: rate,
      duration: minutes * 60,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'soak', value: 42, tags: ['a', 'b'] }),
    });
    clearTimeout(minuteOne);
    clearInterval(progress);
    const rssAtEndMb = rssMb(pid);
    const items = await countItems(endpoint, TABLE);
    const ok = load['2xx'];
    const rssGrowth = (rssAtEndMb - rssAfterMinuteOneMb) / rssAfterMinuteOneMb;
    const errors = load.errors + load.timeouts;
    return {
      ...options,
      requests: load.requests.total,
      ok,
      non2xx: load.non2xx,
      errors,
      items,
      lostWrites: Math.max(0, ok - items),
      p50: load.latency.p50,
      p99: load.latency.p99,
      rssAfterMinuteOneMb,
      rssAtEndMb,
      rssGrowth,
      // Items beyond the 2xx count are requests still in flight when autocannon stopped counting.
      passed: load.non2xx === 0 && errors === 0 && items >= ok && Math.abs(rssGrowth) <= MAX_RSS_GROWTH,
    };
  } finally {
    await stop(engine.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatSoak(r: SoakResult): string {
  const pct = (n: number) => `${n >= 0 ? '+' : ''}${(n * 100).toFixed(1)}%`;
  return [
    `\n## Soak: ${r.minutes} min at ${r.rate} req/s (${r.connections} connections), small JSON POSTs`,
    `  requests ${r.requests}  2xx ${r.ok}  non-2xx ${r.non2xx}  errors ${r.errors}  p50 ${r.p50} ms  p99 ${r.p99} ms`,
    `  items stored ${r.items}  lost writes (2xx without an item) ${r.lostWrites}${r.items > r.ok ? `  (${r.items - r.ok} more items than 2xx: requests in flight when the load stopped)` : ''}`,
    `  rss after minute 1 ${r.rssAfterMinuteOneMb.toFixed(0)} MB, at the end ${r.rssAtEndMb.toFixed(0)} MB (${pct(r.rssGrowth)}; bound ±${MAX_RSS_GROWTH * 100}%)`,
    `  ${r.passed ? 'PASS' : 'FAIL'}`,
  ].join('\n');
}

/** Parses `--minutes`, `--rate` and `--connections` (defaults {@link DEFAULT_SOAK}). */
export function soakOptionsFrom(values: {
  minutes?: string;
  rate?: string;
  connections?: string;
}): SoakOptions {
  return {
    minutes: Number(values.minutes ?? DEFAULT_SOAK.minutes),
    rate: Number(values.rate ?? DEFAULT_SOAK.rate),
    connections: Number(values.connections ?? DEFAULT_SOAK.connections),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values } = parseArgs({
    options: { minutes: { type: 'string' }, rate: { type: 'string' }, connections: { type: 'string' } },
  });
  const result = await runSoak(soakOptionsFrom(values));
  console.log(formatSoak(result));
  if (!result.passed) process.exitCode = 1;
}
