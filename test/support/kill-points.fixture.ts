import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningCloud } from './cli-process.fixture.ts';

/** The engine's test hook: it SIGKILLs itself right before appending this journal entry (1-based). */
export const KILL_ENV = 'TAPSTACK_TEST_KILL_BEFORE_JOURNAL_ENTRY';

/**
 * Starts `tapstack up` with the kill hook at journal entry `killAt` and waits for either the kill
 * (the deploy was interrupted there) or READY (the deploy had fewer entries than `killAt`).
 */
export function upUntilKilled(
  dataDir: string,
  args: readonly string[],
  killAt: number,
  timeoutMs = 30_000,
): Promise<{ readonly killed: true } | { readonly killed: false; readonly cloud: RunningCloud }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['dist/tapstack.js', 'up', '--data-dir', dataDir, '--port', '0', '--api-port', '0', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', [KILL_ENV]: String(killAt) } },
  );
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`neither killed nor ready in ${timeoutMs} ms:\n${output.join('\n')}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ killed: true });
      else reject(new Error(`tapstack up exited with ${code} before READY:\n${output.join('\n')}`));
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => output.push(line));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      output.push(line);
      const match = line.match(/^READY (\S+) (\S+)$/);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({
          killed: false,
          cloud: { child, apiUrl: match[1] as string, endpointUrl: match[2] as string, output },
        });
      }
    });
  });
}

/** A private copy of a prepared data directory (cheaper than deploying it again for every kill point). */
export function copyDataDir(from: string, prefix: string): string {
  const to = mkdtempSync(join(tmpdir(), prefix));
  cpSync(from, to, { recursive: true });
  return to;
}

/** Runs `work` over `items` with at most `limit` at a time, in order of start. */
export async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
