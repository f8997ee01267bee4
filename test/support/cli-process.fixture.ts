import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface RunningCloud {
  readonly child: ChildProcess;
  readonly apiUrl: string;
  readonly endpointUrl: string;
  readonly output: string[];
}

/** Starts `tapstack up` as its own process (so it can be killed) and waits for its READY line. */
export function startCliCloud(
  dataDir: string,
  extraArgs: string[] = [],
  timeoutMs = 30_000,
): Promise<RunningCloud> {
  const child = spawn(
    process.execPath,
    ['dist/tapstack.js', 'up', '--data-dir', dataDir, '--port', '0', '--api-port', '0', ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tapstack up did not become ready in ${timeoutMs} ms:\n${output.join('\n')}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tapstack up exited with ${code} before READY:\n${output.join('\n')}`));
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => output.push(line));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      output.push(line);
      const match = line.match(/^READY (\S+) (\S+)$/);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, apiUrl: match[1] as string, endpointUrl: match[2] as string, output });
      }
    });
  });
}

/** Resolves with the exit code once the process has ended (at once if it already has, by a signal too). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => child.once('exit', (code) => done(code)));
}
