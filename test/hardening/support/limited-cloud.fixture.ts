/**
 * `tapstack up` in a child process under `bash -c 'ulimit -n N; exec …'`, so a test can starve it
 * of descriptors or point its data directory at a small filesystem without touching the test
 * process. Resolves once it printed READY; `stop()` sends SIGTERM and waits for the exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CLI, ensureCliBuilt } from './cli.fixture.ts';

export interface LimitedCloud {
  readonly child: ChildProcess;
  readonly apiUrl: string;
  readonly endpointUrl: string;
  /** Every line it printed (stdout and stderr), as it comes. */
  readonly output: string[];
  /** True while the process runs. */
  alive(): boolean;
  stop(): Promise<number | null>;
}

export function startLimitedCloud(
  dataDir: string,
  options: { readonly descriptors?: number; readonly args?: readonly string[] } = {},
  timeoutMs = 60_000,
): Promise<LimitedCloud> {
  ensureCliBuilt();
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [
    process.execPath,
    CLI,
    'up',
    '--data-dir',
    dataDir,
    '--port',
    '0',
    '--api-port',
    '0',
    ...(options.args ?? []),
  ]
    .map(quote)
    .join(' ');
  const ulimit = options.descriptors ? `ulimit -n ${options.descriptors}; ` : '';
  const child = spawn('bash', ['-c', `${ulimit}exec ${command}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const output: string[] = [];
  let exited = false;
  const exit = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      exited = true;
      done(code);
    }),
  );
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => output.push(line));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tapstack up did not become ready in ${timeoutMs} ms:\n${output.join('\n')}`));
    }, timeoutMs);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`tapstack up exited with ${code} before READY:\n${output.join('\n')}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      output.push(line);
      const match = /^READY (\S+) (\S+)$/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        child,
        apiUrl: match[1] as string,
        endpointUrl: match[2] as string,
        output,
        alive: () => !exited,
        stop: async () => {
          if (!exited) child.kill('SIGTERM');
          const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
          const code = await exit;
          clearTimeout(timeout);
          return code;
        },
      });
    });
  });
}
