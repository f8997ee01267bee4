import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import type { EndpointChannel } from '../../protocol/endpoint-call.ts';
import type { AccountContext } from '../../runtime/account.ts';
import { isAwsError } from '../../runtime/aws-error.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { MetricSink } from '../cloudwatch/metric-sink.ts';
import type { LogSink } from '../logs/sink.ts';
import { AsyncQueue, type AttemptOutcome, type DeadLetter, type QueuedEvent } from './async-queue.ts';
import { type CodePackage, inlinePackage } from './code-package.ts';
import { describe, type FunctionDescription } from './description.ts';
import { type Credentials, functionEnvironment, logStreamName } from './environment-vars.ts';
import { validateFunctionConfig } from './function-config-rules.ts';
import { newRevision, requireFunction } from './function-records.ts';
import { FunctionRuntime } from './function-runtime.ts';
import { youngGenerationMb } from './heap-sizes.ts';
import { defaultHostEntry, defaultNodeModulesDir } from './host-entry.ts';
import { Invoker } from './invoker.ts';
import {
  DEFAULT_EVENT_INVOKE_CONFIG,
  type EventInvokeConfig,
  type FunctionConfig,
  type FunctionRecord,
  type InvokeRequest,
  type InvokeResult,
  type PermissionStatement,
} from './model.ts';
import { functionArn, LATEST } from './names.ts';
import { addPermission } from './operations/add-permission.ts';
import { createFunction } from './operations/create-function.ts';
import { deleteFunction } from './operations/delete-function.ts';
import { getFunction } from './operations/get-function.ts';
import { getFunctionEventInvokeConfig } from './operations/get-function-event-invoke-config.ts';
import { getPolicy } from './operations/get-policy.ts';
import { invoke } from './operations/invoke.ts';
import { listFunctions } from './operations/list-functions.ts';
import { listTags } from './operations/list-tags.ts';
import { putFunctionEventInvokeConfig } from './operations/put-function-event-invoke-config.ts';
import { removePermission } from './operations/remove-permission.ts';
import { updateFunctionCode } from './operations/update-function-code.ts';
import {
  type ConfigurationChanges,
  updateFunctionConfiguration,
} from './operations/update-function-configuration.ts';
import { FunctionStore } from './store.ts';

/** Heap headroom a host gets above MemorySize for the modules its environments share (the SDK). */
export const SHARED_MODULES_HEAP_MB = 64;

export interface LambdaServiceOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly account: AccountContext;
  readonly logs: LogSink;
  readonly metrics: MetricSink;
  /** The engine's AWS endpoint, given to functions as AWS_ENDPOINT_URL. */
  readonly endpointUrl: string;
  /**
   * Answers calls to `endpointUrl` without a socket: when given, the SDK the hosts provide sends
   * its calls to the endpoint through the host's port (host/sdk-channel.ts).
   */
  readonly endpointChannel?: EndpointChannel;
  credentialsFor(roleArn: string): Credentials;
  readonly deadLetter: DeadLetter;
  /** Where functions' `require` resolves packages; default: the project's node_modules. */
  readonly nodeModulesDir?: string;
  /** Host workers per function; default 1 (2 on machines with more than 4 cores). */
  readonly hosts?: number;
  /** Concurrent executions across all functions; default 1000. */
  readonly accountConcurrencyLimit?: number;
  /** The host worker's entry file; default dist/lambda-host.js beside the bundle, else host-main.ts. */
  readonly hostEntry?: string | URL;
}

/** What every Lambda operation shares (operations/<operation-name>.ts take it first). */
export interface LambdaContext {
  readonly account: AccountContext;
  readonly clock: Clock;
  readonly store: FunctionStore;
  readonly invoker: Invoker;
  /** Asynchronous (Event) invocations, persisted until delivered. */
  readonly queue: AsyncQueue;
  /**
   * Stores a new revision (keeping the package when `pkg` is undefined) and retires the old
   * revision's environments.
   */
  commit(current: FunctionRecord, config: FunctionConfig, pkg: CodePackage | undefined): FunctionDescription;
  /** Ends the function's environments as their invocations finish. */
  retireRuntime(name: string): Promise<void>;
}

/**
 * The local Lambda service: function definitions (persisted), resource policies, async invoke
 * settings, and invocation in execution environments hosted by worker threads. Each operation is
 * in operations/<operation-name>.ts; this class holds what they share (the store, the invoker, the
 * async queue, each function's runtime) and offers them to in-process callers (providers, the
 * endpoint's LambdaApi, other services).
 * https://docs.aws.amazon.com/lambda/latest/api/welcome.html
 */
export class LambdaService {
  private readonly ctx: LambdaContext;
  private readonly runtimes = new Map<string, { revisionId: string; runtime: FunctionRuntime }>();
  private readonly hosts: number;
  private readonly hostEntry: string | URL;
  private readonly nodeModulesDir: string;
  private closed = false;

  constructor(private readonly options: LambdaServiceOptions) {
    const store = new FunctionStore(options.dataDir);
    this.hosts = Math.max(1, options.hosts ?? (cpus().length > 4 ? 2 : 1));
    this.hostEntry = options.hostEntry ?? defaultHostEntry();
    this.nodeModulesDir = options.nodeModulesDir ?? defaultNodeModulesDir();
    const invoker = new Invoker({
      clock: options.clock,
      account: options.account,
      logs: options.logs,
      metrics: options.metrics,
      accountConcurrencyLimit: options.accountConcurrencyLimit ?? 1000,
      runtimeFor: (record) => this.runtimeFor(record),
    });
    const queue = new AsyncQueue({
      dataDir: options.dataDir,
      clock: options.clock,
      attempt: (event) => this.attempt(event),
      policyFor: (name) => {
        const record = store.get(name);
        if (!record) return undefined;
        const settings = record.eventInvokeConfig ?? DEFAULT_EVENT_INVOKE_CONFIG;
        return { ...settings, deadLetterTargetArn: record.config.deadLetterTargetArn };
      },
      deadLetter: options.deadLetter,
      onDeadLetterError: (functionName) => this.deadLetterError(functionName),
    });
    this.ctx = {
      account: options.account,
      clock: options.clock,
      store,
      invoker,
      queue,
      commit: (current, config, pkg) => this.commit(current, config, pkg),
      retireRuntime: (name) => this.retireRuntime(name),
    };
  }

  createFunction(config: FunctionConfig): FunctionDescription {
    return createFunction(this.ctx, config);
  }

  /**
   * The stack's update of a function (code given as inline source, configuration, tags) in one
   * step; like UpdateFunctionCode, later invocations get environments of the new revision.
   */
  updateFunction(name: string, changes: Partial<Omit<FunctionConfig, 'name'>>): FunctionDescription {
    const current = requireFunction(this.ctx, name);
    const config: FunctionConfig = { ...current.config, ...changes, name: current.config.name };
    validateFunctionConfig(config);
    const codeChanged = config.code !== current.config.code || config.handler !== current.config.handler;
    return this.commit(current, config, codeChanged ? inlinePackage(config.code, config.handler) : undefined);
  }

  updateFunctionCode(name: string, zip: Uint8Array, expectedRevisionId?: string): FunctionDescription {
    return updateFunctionCode(this.ctx, name, zip, expectedRevisionId);
  }

  updateFunctionConfiguration(
    name: string,
    changes: ConfigurationChanges,
    expectedRevisionId?: string,
  ): FunctionDescription {
    return updateFunctionConfiguration(this.ctx, name, changes, expectedRevisionId);
  }

  getPolicy(name: string): { Policy: string; RevisionId: string } {
    return getPolicy(this.ctx, name);
  }

  getEventInvokeConfig(name: string): Record<string, unknown> {
    return getFunctionEventInvokeConfig(this.ctx, name);
  }

  listTags(resourceArn: string): { Tags: Record<string, string> } {
    return listTags(this.ctx, resourceArn);
  }

  deleteFunction(name: string): Promise<void> {
    return deleteFunction(this.ctx, name);
  }

  getFunction(name: string): FunctionDescription {
    return getFunction(this.ctx, name);
  }

  listFunctions(): FunctionDescription[] {
    return listFunctions(this.ctx);
  }

  addPermission(functionName: string, statement: PermissionStatement): void {
    addPermission(this.ctx, functionName, statement);
  }

  removePermission(functionName: string, statementId: string): void {
    removePermission(this.ctx, functionName, statementId);
  }

  putEventInvokeConfig(functionName: string, settings: Partial<EventInvokeConfig>): EventInvokeConfig {
    return putFunctionEventInvokeConfig(this.ctx, functionName, settings);
  }

  invoke(request: InvokeRequest): Promise<InvokeResult> {
    return invoke(this.ctx, request);
  }

  /** Terminates every host and stops the async queue; queued events stay on disk for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.ctx.queue.close();
    const runtimes = [...this.runtimes.values()];
    this.runtimes.clear();
    await Promise.all(runtimes.map(({ runtime }) => runtime.close()));
  }

  private async attempt(event: QueuedEvent): Promise<AttemptOutcome> {
    const record = this.ctx.store.get(event.functionName);
    if (!record) return { kind: 'gone' };
    try {
      const execution = await this.ctx.invoker.execute(record, event.payload, event.requestId);
      if (this.closed) return { kind: 'aborted' };
      if (execution.result.functionError)
        return { kind: 'function-error', message: execution.errorMessage ?? '' };
      return { kind: 'success' };
    } catch (error) {
      if (this.closed) return { kind: 'aborted' };
      if (isAwsError(error) && error.code === 'TooManyRequestsException') return { kind: 'throttled' };
      if (isAwsError(error)) return { kind: 'function-error', message: error.message };
      throw error;
    }
  }

  private runtimeFor(record: FunctionRecord): FunctionRuntime {
    const name = record.config.name;
    const existing = this.runtimes.get(name);
    if (existing?.revisionId === record.revisionId) return existing.runtime;
    const { config } = record;
    const { account, clock } = this.options;
    const runtime = new FunctionRuntime({
      hosts: this.hosts,
      now: () => clock.now(),
      newStreamName: () => logStreamName(clock.now(), LATEST, randomBytes(16).toString('hex')),
      host: {
        entry: this.hostEntry,
        heapLimitMb: config.memorySizeMb + SHARED_MODULES_HEAP_MB,
        youngGenerationMb: youngGenerationMb(config.memorySizeMb),
        env: functionEnvironment(config, {
          region: account.region,
          credentials: this.options.credentialsFor(config.roleArn),
          endpointUrl: this.options.endpointUrl,
          version: LATEST,
        }),
        config: {
          code: config.code,
          handler: config.handler,
          functionName: name,
          functionVersion: LATEST,
          invokedFunctionArn: functionArn(account, name),
          memorySizeMb: config.memorySizeMb,
          logGroupName: config.logGroupName,
          logFormat: config.logFormat,
          applicationLogLevel: config.applicationLogLevel,
          nodeModulesDir: this.nodeModulesDir,
          ...(this.options.endpointChannel && { endpointUrl: this.options.endpointUrl }),
        },
        ...(this.options.endpointChannel && { channel: this.options.endpointChannel }),
      },
    });
    // The old version's warm hosts pass to the new one when only the code changed.
    if (existing) void existing.runtime.retire(runtime);
    this.runtimes.set(name, { revisionId: record.revisionId, runtime });
    return runtime;
  }

  private async retireRuntime(name: string): Promise<void> {
    const existing = this.runtimes.get(name);
    this.runtimes.delete(name);
    await existing?.runtime.retire();
  }

  /** Stores a new revision (keeping the package when `pkg` is undefined) and retires the old environments. */
  private commit(
    current: FunctionRecord,
    config: FunctionConfig,
    pkg: CodePackage | undefined,
  ): FunctionDescription {
    const kept: CodePackage = {
      code: current.config.code,
      codeSha256: current.codeSha256,
      codeSize: current.codeSize ?? inlinePackage(current.config.code, current.config.handler).codeSize,
    };
    const next = newRevision(this.options.clock, config, pkg ?? kept, current);
    this.ctx.store.put(next);
    // A function that was serving gets its next environment ready now, not on the next request
    // (runtimeFor retires the old version's environments); any other has nothing to retire.
    if (this.runtimes.has(next.config.name) && !this.closed) this.runtimeFor(next).prestart();
    else void this.retireRuntime(next.config.name);
    return describe(this.options.account, next);
  }

  private deadLetterError(functionName: string): void {
    this.options.metrics.putMetric({
      namespace: 'AWS/Lambda',
      metricName: 'DeadLetterErrors',
      dimensions: { FunctionName: functionName },
      value: 1,
      unit: 'Count',
      timestamp: this.options.clock.now(),
    });
  }
}
