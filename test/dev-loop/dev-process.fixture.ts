/**
 * `tapstack up --watch` as a real process in a project folder, for the dev-loop tests: its output
 * lines collected, a wait for a line, and a stop that waits for the exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const REPO = resolve('.');

export interface DevProcess {
  readonly output: string[];
  /** Resolves with the first output line at or after `from` matching `pattern`. */
  waitForLine(pattern: RegExp, from: number, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** The arguments of `node dist/tapstack.js up --watch` on free ports, its data kept in `project`. */
export function devCommand(project: string, extraArgs: readonly string[] = []): string[] {
  return [
    join(REPO, 'dist/tapstack.js'),
    'up',
    '--watch',
    '--data-dir',
    join(project, '.data'),
    '--port',
    '0',
    '--api-port',
    '0',
    ...extraArgs,
  ];
}

export function startDevProcess(project: string, extraArgs: readonly string[] = []): DevProcess {
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, devCommand(project, extraArgs), {
    cwd: project,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => output.push(line));
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => output.push(line));
  return {
    output,
    waitForLine: (pattern, from, timeoutMs = 30_000) =>
      new Promise((done, fail) => {
        const started = Date.now();
        const check = () => {
          const line = output.slice(from).find((l) => pattern.test(l));
          if (line !== undefined) return done(line);
          if (child.exitCode !== null || Date.now() - started > timeoutMs)
            return fail(new Error(`no line matching ${pattern} in:\n${output.slice(from).join('\n')}`));
          setTimeout(check, 20);
        };
        check();
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGINT');
      await gone;
    },
  };
}
