/**
 * Entry of a host worker: many execution environments of one function version share this thread,
 * its module cache (the AWS SDK loads once per host) and its heap limit. The main thread decides
 * which environment serves each request; this file only runs what it is told.
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
  WRAPPER_PARAMS,
} from './execution-environment.ts';
import type { DoneMessage, FromHost, HostConfig, ToHost } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('lambda host-main must run in a worker thread');
const config = workerData as HostConfig;

function compile(): CompiledModule | Error {
  try {
    return compileFunction(config.code, WRAPPER_PARAMS, { filename: '/var/task/index.js' }) as CompiledModule;
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

const shared = {
  config,
  compiled: compile(),
  // Resolves packages (@aws-sdk/*) from the project's node_modules, one module cache per host.
  require: createRequire(join(config.nodeModulesDir, '__lambda_task__.js')),
  memoryUsedMb: () => memoryUsedMb,
  sampleMemory,
  send: (message: DoneMessage) => port.postMessage(message satisfies FromHost),
  started: (id: string) => port.postMessage({ k: 'started', id } satisfies FromHost),
};

const environments = new Map<number, ExecutionEnvironment>();

port.on('message', (message: ToHost) => {
  if (message.k === 'discard') {
    environments.delete(message.env);
    return;
  }
  let environment = environments.get(message.env);
  if (!environment) {
    environment = new ExecutionEnvironment(message.env, shared, message.stream);
    environments.set(message.env, environment);
  }
  environment.invoke(message);
  if (environment.isDead) environments.delete(message.env);
});

// A stray error from one environment's background work must not end the others sharing the host.
const report = (error: unknown): void => {
  if (error instanceof ExitSignal) return;
  process.stderr.write(`lambda host (${config.functionName}): unhandled error: ${String(error)}\n`);
};
process.on('uncaughtException', report);
process.on('unhandledRejection', report);

port.postMessage({ k: 'ready' } satisfies FromHost);
