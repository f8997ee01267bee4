/**
 * `npm run bench -- --only reload`: the dev loop's save → first response served by the new code,
 * with 10 connections of light load on the API during the saves (every response checked: no
 * failed request across a swap), then one infrastructure change (a parameter default in infra/)
 * → stack update complete. Runs `tapstack up --watch` on a temporary copy of the project.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { devCommand } from '../test/dev-loop/dev-process.fixture.ts';
import { stop } from './child.ts';

const REPO = resolve('.');
const CONNECTIONS = 10;

export interface ReloadFigures {
  readonly savesMs: number[];
  readonly requests: number;
  readonly failed: number;
  readonly infraMs?: number;
  /** The dev loop's own figure per save: save → new code in place (rebuild + UpdateFunctionCode). */
  readonly swapMs: number[];
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** A temporary copy of the project (sources, CDK app, template) sharing this checkout's node_modules. */
export function copyProject(): string {
  const project = mkdtempSync(join(tmpdir(), 'tapstack-bench-reload-'));
  for (const part of ['functions', 'infra', 'lib', 'package.json', 'tsconfig.json'])
    cpSync(join(REPO, part), join(project, part), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(project, 'node_modules'));
  return project;
}

/** `tapstack up --watch` in `project`, unthrottled; `ready` resolves with the READY line's words. */
export function startDev(
  project: string,
  output: string[],
): { child: ChildProcess; ready: Promise<string[]> } {
  const child = spawn(
    process.execPath,
    devCommand(project, ['-p', 'ThrottlingRateLimit=10000', '-p', 'ThrottlingBurstLimit=5000']),
    { cwd: project, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1' } },
  );
  const ready = new Promise<string[]>((done, fail) => {
    child.once('exit', (code) =>
      fail(new Error(`tapstack up --watch exited with ${code}:\n${output.join('\n')}`)),
    );
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      output.push(line);
      if (line.startsWith('READY ')) done(line.split(' ').slice(1));
    });
  });
  return { child, ready };
}

const waitFor = async (test: () => boolean, timeoutMs: number): Promise<void> => {
  const until = performance.now() + timeoutMs;
  while (!test()) {
    if (performance.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

export async function measureReload(saves: number): Promise<ReloadFigures> {
  const project = copyProject();
  const output: string[] = [];
  const { child, ready } = startDev(project, output);
  try {
    const [apiUrl = ''] = await ready;
    const responses = join(project, 'functions/request-processor/src/responses.ts');
    const original = readFileSync(responses, 'utf8');
    let requests = 0;
    let failed = 0;
    let running = true;
    let expected = '';
    let seenAt = 0;
    const worker = async () => {
      while (running) {
        try {
          const response = await fetch(apiUrl, {
            method: 'POST',
            body: '{"bench":"reload"}',
            headers: { 'content-type': 'application/json' },
          });
          const body = (await response.json()) as { message?: string };
          requests++;
          if (response.status !== 200) failed++;
          if (expected && body.message === expected && seenAt === 0) seenAt = performance.now();
        } catch {
          requests++;
          failed++;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const workers = Array.from({ length: CONNECTIONS }, worker);
    const savesMs: number[] = [];
    for (let i = 1; i <= saves; i++) {
      expected = `reload ${i}`;
      seenAt = 0;
      const savedAt = performance.now();
      writeFileSync(responses, original.replace("'Request processed successfully'", `'${expected}'`));
      await waitFor(() => seenAt > 0, 30_000);
      savesMs.push(seenAt - savedAt);
      await new Promise((r) => setTimeout(r, 300));
    }
    running = false;
    await Promise.all(workers);
    // Infrastructure: one parameter default in infra/ → re-synthesized and applied.
    const mark = output.length;
    const parameters = join(project, 'infra/src/stack-parameters.ts');
    const started = performance.now();
    writeFileSync(
      parameters,
      readFileSync(parameters, 'utf8').replace(
        "'Days before a stored request expires (TTL)',\n      90,",
        "'Days before a stored request expires (TTL)',\n      91,",
      ),
    );
    let infraMs: number | undefined;
    try {
      await waitFor(() => output.slice(mark).some((l) => l.includes('stack update complete')), 180_000);
      infraMs = performance.now() - started;
    } catch {
      console.log(output.slice(mark).join('\n'));
    }
    const swapMs = output.flatMap((l) => {
      const match = / (\d+) ms save→ready/.exec(l);
      return match ? [Number(match[1])] : [];
    });
    return { savesMs, requests, failed, swapMs, ...(infraMs === undefined ? {} : { infraMs }) };
  } finally {
    await stop(child);
    rmSync(project, { recursive: true, force: true });
  }
}

export function formatReload(figures: ReloadFigures): string {
  const sorted = [...figures.savesMs].sort((a, b) => a - b);
  return [
    `## Dev loop: save → first response by the new code (${sorted.length} saves, ${CONNECTIONS} connections of light load)`,
    `  median ${percentile(sorted, 50).toFixed(0)} ms  p95 ${percentile(sorted, 95).toFixed(0)} ms  (target median ≤ 300 ms)`,
    `  of which rebuild + code swap (the dev loop's save→ready): median ${percentile(
      [...figures.swapMs].sort((a, b) => a - b),
      50,
    ).toFixed(0)} ms; the rest: the new code's init (in the warm worker) and its first request`,
    `  requests during the saves ${figures.requests}, failed ${figures.failed}`,
    `  infra parameter default → stack update complete: ${figures.infraMs === undefined ? 'NOT COMPLETED' : `${(figures.infraMs / 1000).toFixed(1)} s (includes npm run synth)`}`,
  ].join('\n');
}
