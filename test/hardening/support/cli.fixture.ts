/**
 * Runs the built CLI (`node dist/tapstack.js`) as a child process, as a user would, and collects its
 * exit code and output. `dist/` is built by `node scripts/build.mjs` (the suites build it once).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CLI = 'dist/tapstack.js';

/** Builds dist/ unless it is already there (the build takes a few seconds). */
export function ensureCliBuilt(): void {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const QUIET_ENV = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' };

/** Runs the CLI to completion; kills it (and says so in the result) after `timeoutMs`. */
export function runCli(args: readonly string[], timeoutMs = 30_000): Promise<CliRun & { timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: QUIET_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    // 'close', not 'exit': 'exit' can fire before the pipes have delivered the child's last output.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

export interface RunningCloud {
  readonly child: ChildProcess;
  readonly apiUrl: string;
  readonly endpointUrl: string;
  output(): string;
}

/**
 * Starts `tapstack up` and resolves once it prints `READY <api> <endpoint>`; rejects if it exits or
 * is not ready within `timeoutMs` (the child is then killed).
 */
export function startCliCloud(args: readonly string[], timeoutMs = 30_000): Promise<RunningCloud> {
  const child = spawn(process.execPath, [CLI, 'up', ...args], {
    env: QUIET_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tapstack up was not ready within ${timeoutMs} ms:\n${text}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const ready = /^READY (\S+) (\S+)$/m.exec(text);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, apiUrl: ready[1] ?? '', endpointUrl: ready[2] ?? '', output: () => text });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`tapstack up exited (${code ?? signal}) before READY:\n${text}`));
    });
  });
}

/** Resolves when `child` has exited (immediately if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
