/**
 * Entry of a host worker: many execution environments of one function configuration share this
 * thread, its module cache (the AWS SDK loads once per host) and its heap limit. A code update
 * with the same configuration keeps the host: its new environments run the new code while the
 * ones already created finish on theirs. The main thread decides which environment serves each
 * request; this file only runs what it is told.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import v8 from 'node:v8';
import { compileFunction } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import {
  type CompiledModule,
  ExecutionEnvironment,
  ExitSignal,
  type HostShared,
  WRAPPER_PARAMS,
} from './execution-environment.ts';
import type { DoneMessage, FromHost, HostWorkerData, ToHost } from './protocol.ts';
import { SdkChannel } from './sdk-channel.ts';

const port = parentPort;
if (!port) throw new Error('lambda host-main must run in a worker thread');
const config = workerData as HostWorkerData;

function compile(code: string): CompiledModule | Error {
  try {
    return compileFunction(code, WRAPPER_PARAMS, { filename: '/var/task/index.js' }) as CompiledModule;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

let memoryUsedMb = 0;
const sampleMemory = (): void => {
  try {
    // process.memoryUsage() also reads the resident set size, which opens a file: it throws EMFILE
    // when the process is out of descriptors. The heap figure alone needs no file.
    memoryUsedMb = Math.ceil(process.memoryUsage().heapUsed / 1048576);
  } catch {
    memoryUsedMb = Math.max(memoryUsedMb, Math.ceil(v8.getHeapStatistics().used_heap_size / 1048576));
  }
};
sampleMemory();
setInterval(sampleMemory, 500).unref();

// Resolves packages (@aws-sdk/*) from the project's node_modules, one module cache per host: a
// code update keeps it, so the new code's environments find the SDK already loaded.
const packages = createRequire(join(config.nodeModulesDir, '__lambda_task__.js'));
const channel =
  config.endpointUrl === undefined
    ? undefined
    : new SdkChannel(config.endpointUrl, (message) => port.postMessage(message satisfies FromHost));

const base: Omit<HostShared, 'compiled'> = {
  config,
  require: channel ? channel.wrap(packages) : packages,
  memoryUsedMb: () => memoryUsedMb,
  sampleMemory,
  send: (message: DoneMessage) => port.postMessage(message satisfies FromHost),
  started: (id: string) => port.postMessage({ k: 'started', id } satisfies FromHost),
};

/**
 * The code new environments get. Only the latest is kept: environments of earlier code hold
 * their own reference until they are discarded, and the main thread creates no new environment
 * of a code it has replaced (its predecessor runtime is retired before the new code is sent).
 */
let current: { readonly codeId: number; readonly shared: HostShared } = {
  codeId: config.codeId,
  shared: { ...base, compiled: compile(config.code) },
};

const environments = new Map<number, ExecutionEnvironment>();

/** A new environment of code `codeId`, or of a code this host no longer has: it fails its init, saying so. */
function create(env: number, codeId: number | undefined, stream: string): ExecutionEnvironment {
  const shared =
    codeId === undefined || codeId === current.codeId
      ? current.shared
      : { ...base, compiled: new Error(`lambda host: code ${codeId} is not loaded in this host`) };
  const environment = new ExecutionEnvironment(env, shared, stream);
  environments.set(env, environment);
  return environment;
}

port.on('message', (message: ToHost) => {
  switch (message.k) {
    case 'answer':
      channel?.receive(message);
      return;
    case 'discard':
      environments.delete(message.env);
      return;
    case 'code':
      current = { codeId: message.codeId, shared: { ...base, compiled: compile(message.code) } };
      return;
    case 'prewarm':
      create(message.env, message.codeId, message.stream).prewarm(message.clockOffsetMs);
      port.postMessage({ k: 'initialized', env: message.env } satisfies FromHost);
      return;
    case 'invoke': {
      const environment =
        environments.get(message.env) ?? create(message.env, message.codeId, message.stream);
      environment.invoke(message);
      if (environment.isDead) environments.delete(message.env);
      return;
    }
  }
});

// A stray error from one environment's background work must not end the others sharing the host.
const report = (error: unknown): void => {
  if (error instanceof ExitSignal) return;
  process.stderr.write(`lambda host (${config.functionName}): unhandled error: ${String(error)}\n`);
};
process.on('uncaughtException', report);
process.on('unhandledRejection', report);

port.postMessage({ k: 'ready' } satisfies FromHost);
