import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Started {
  readonly child: ChildProcess;
  /** The words after the ready marker on the line that announced it. */
  readonly words: string[];
  readonly startedInMs: number;
}

/** Starts a process and resolves when a stdout line starts with `marker`; rejects on exit or timeout. */
export function startUntil(
  command: string,
  args: string[],
  marker: string,
  timeoutMs = 60_000,
): Promise<Started> {
  const began = performance.now();
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')}: no "${marker}" within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited with ${code} before "${marker}"`));
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const at = line.indexOf(marker);
      if (at < 0) return;
      clearTimeout(timer);
      resolve({
        child,
        words: line
          .slice(at + marker.length)
          .trim()
          .split(/\s+/),
        startedInMs: performance.now() - began,
      });
    });
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Resident memory of a process in MB (Linux /proc), sampled every 250 ms while `work` runs. */
export async function peakRssDuring<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; peakMb: number }> {
  let peak = 0;
  const sample = () => {
    try {
      const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      if (match) peak = Math.max(peak, Number(match[1]) / 1024);
    } catch {
      // The process may be gone; the peak so far stands.
    }
  };
  const timer = setInterval(sample, 250);
  try {
    const result = await work();
    sample();
    return { result, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}
