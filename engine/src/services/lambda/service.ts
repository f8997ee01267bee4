import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import type { AccountContext } from '../../runtime/account.ts';
import { isAwsError } from '../../runtime/aws-error.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { MetricSink } from '../cloudwatch/metric-sink.ts';
import type { LogSink } from '../logs/sink.ts';
import { AsyncQueue, type AttemptOutcome, type DeadLetter, type QueuedEvent } from './async-queue.ts';
import { type CodePackage, inlinePackage, readZipPackage } from './code-package.ts';
import { eventInvokeConfigOf, policyOf, tagsOf } from './control-reads.ts';
import { describe, type FunctionDescription } from './description.ts';
import { type Credentials, functionEnvironment, logStreamName } from './environment-vars.ts';
import { lambdaErrors } from './errors.ts';
import { FunctionRuntime } from './function-runtime.ts';
import {
  DEFAULT_EVENT_INVOKE_CONFIG,
  type EventInvokeConfig,
  type FunctionRecord,
  FunctionStore,
} from './function-store.ts';
import { youngGenerationMb } from './heap-sizes.ts';
import { defaultHostEntry, defaultNodeModulesDir } from './host-entry.ts';
import { Invoker, SYNC_PAYLOAD_LIMIT } from './invoker.ts';
import { functionArn, LATEST, resolveFunctionName } from './names.ts';
import { isInvokeAllowed } from './permissions.ts';
import type { FunctionConfig, InvokeRequest, InvokeResult, PermissionStatement } from './types.ts';
import { validateEventInvokeConfig, validateFunctionConfig } from './validation.ts';

/** Asynchronous request limit: 1 MB (raised from 256 KB in 2025). */
export const ASYNC_PAYLOAD_LIMIT = 1024 * 1024;
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

/**
 * The local Lambda service: function definitions (persisted), resource policies, async invoke
 * settings, and invocation in execution environments hosted by worker threads.
 * https://docs.aws.amazon.com/lambda/latest/api/welcome.html
 */
export class LambdaService {
  private readonly store: FunctionStore;
  private readonly runtimes = new Map<string, { revisionId: string; runtime: FunctionRuntime }>();
  private readonly invoker: Invoker;
  private readonly queue: AsyncQueue;
  private readonly hosts: number;
  private readonly hostEntry: string | URL;
  private readonly nodeModulesDir: string;
  private closed = false;

  constructor(private readonly options: LambdaServiceOptions) {
    this.store = new FunctionStore(options.dataDir);
    this.hosts = Math.max(1, options.hosts ?? (cpus().length > 4 ? 2 : 1));
    this.hostEntry = options.hostEntry ?? defaultHostEntry();
    this.nodeModulesDir = options.nodeModulesDir ?? defaultNodeModulesDir();
    this.invoker = new Invoker({
      clock: options.clock,
      account: options.account,
      logs: options.logs,
      metrics: options.metrics,
      accountConcurrencyLimit: options.accountConcurrencyLimit ?? 1000,
      runtimeFor: (record) => this.runtimeFor(record),
    });
    this.queue = new AsyncQueue({
      dataDir: options.dataDir,
      clock: options.clock,
      attempt: (event) => this.attempt(event),
      policyFor: (name) => {
        const record = this.store.get(name);
        if (!record) return undefined;
        const settings = record.eventInvokeConfig ?? DEFAULT_EVENT_INVOKE_CONFIG;
        return { ...settings, deadLetterTargetArn: record.config.deadLetterTargetArn };
      },
      deadLetter: options.deadLetter,
      onDeadLetterError: (functionName) => this.deadLetterError(functionName),
    });
  }

  /** https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html */
  createFunction(config: FunctionConfig): FunctionDescription {
    validateFunctionConfig(config);
    if (this.store.get(config.name)) throw lambdaErrors.conflict(`Function already exist: ${config.name}`);
    const record = this.newRevision(config, inlinePackage(config.code, config.handler), undefined);
    this.store.put(record);
    return describe(this.options.account, record);
  }

  /**
   * The stack's update of a function (code given as inline source, configuration, tags) in one
   * step; like UpdateFunctionCode, later invocations get environments of the new revision.
   */
  updateFunction(name: string, changes: Partial<Omit<FunctionConfig, 'name'>>): FunctionDescription {
    const current = this.require(name);
    const config: FunctionConfig = { ...current.config, ...changes, name: current.config.name };
    validateFunctionConfig(config);
    const codeChanged = config.code !== current.config.code || config.handler !== current.config.handler;
    return this.commit(current, config, codeChanged ? inlinePackage(config.code, config.handler) : undefined);
  }

  /**
   * Replaces the code with an uploaded zip. The package is checked before anything changes (not a
   * zip, no handler file: InvalidParameterValueException), so a bad upload leaves the old code
   * serving. Invocations in flight finish on the old code; the next one gets an environment of
   * the new code, and the old environments are retired as they finish.
   * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionCode.html
   */
  updateFunctionCode(name: string, zip: Uint8Array, expectedRevisionId?: string): FunctionDescription {
    const current = this.require(name, expectedRevisionId);
    const pkg = readZipPackage(zip, current.config.handler);
    return this.commit(current, { ...current.config, code: pkg.code }, pkg);
  }

  /**
   * Environment, timeout, memory, handler, role or runtime; the code stays. The new settings take
   * effect in new environments, as on AWS.
   * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html
   */
  updateFunctionConfiguration(
    name: string,
    changes: Partial<
      Pick<
        FunctionConfig,
        'environment' | 'timeoutSeconds' | 'memorySizeMb' | 'handler' | 'roleArn' | 'runtime'
      >
    >,
    expectedRevisionId?: string,
  ): FunctionDescription {
    const current = this.require(name, expectedRevisionId);
    const config: FunctionConfig = { ...current.config, ...changes };
    validateFunctionConfig(config);
    return this.commit(current, config, undefined);
  }

  /** https://docs.aws.amazon.com/lambda/latest/api/API_GetPolicy.html */
  getPolicy(name: string): { Policy: string; RevisionId: string } {
    return policyOf(this.options.account, this.require(name));
  }

  /** https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionEventInvokeConfig.html */
  getEventInvokeConfig(name: string): Record<string, unknown> {
    return eventInvokeConfigOf(this.options.account, this.require(name));
  }

  /** https://docs.aws.amazon.com/lambda/latest/api/API_ListTags.html (the resource is the function's ARN). */
  listTags(resourceArn: string): { Tags: Record<string, string> } {
    return tagsOf(this.require(resourceArn));
  }

  /** https://docs.aws.amazon.com/lambda/latest/api/API_DeleteFunction.html */
  async deleteFunction(name: string): Promise<void> {
    const record = this.require(name);
    this.store.delete(record.config.name);
    this.queue.dropFunction(record.config.name);
    await this.retireRuntime(record.config.name);
  }

  getFunction(name: string): FunctionDescription {
    return describe(this.options.account, this.require(name));
  }

  listFunctions(): FunctionDescription[] {
    return this.store.list().map((record) => describe(this.options.account, record));
  }

  /** https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html */
  addPermission(functionName: string, statement: PermissionStatement): void {
    const record = this.require(functionName);
    if (record.permissions.some((s) => s.statementId === statement.statementId)) {
      throw lambdaErrors.conflict(
        `The statement id (${statement.statementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
      );
    }
    this.store.put({ ...record, permissions: [...record.permissions, { ...statement }] });
  }

  /** https://docs.aws.amazon.com/lambda/latest/api/API_RemovePermission.html */
  removePermission(functionName: string, statementId: string): void {
    const record = this.require(functionName);
    if (!record.permissions.some((s) => s.statementId === statementId)) {
      throw lambdaErrors.notFound(`Statement ${statementId} is not found in resource policy.`);
    }
    this.store.put({
      ...record,
      permissions: record.permissions.filter((s) => s.statementId !== statementId),
    });
  }

  /** https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html */
  putEventInvokeConfig(functionName: string, settings: Partial<EventInvokeConfig>): EventInvokeConfig {
    const record = this.require(functionName);
    const merged: EventInvokeConfig = { ...DEFAULT_EVENT_INVOKE_CONFIG, ...settings };
    validateEventInvokeConfig(merged);
    this.store.put({
      ...record,
      eventInvokeConfig: merged,
      eventInvokeConfigModified: this.options.clock.now(),
    });
    return merged;
  }

  /**
   * RequestResponse runs now and answers the function's result; Event persists the event and
   * answers 202; DryRun only checks access. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
   */
  async invoke(request: InvokeRequest): Promise<InvokeResult> {
    const record = this.require(request.functionName);
    const name = record.config.name;
    const caller = request.caller;
    if (caller?.principal !== undefined && !isInvokeAllowed(record.permissions, caller)) {
      throw lambdaErrors.accessDenied(
        `The principal ${caller.principal} is not authorized to perform lambda:InvokeFunction on resource ${functionArn(this.options.account, name)}` +
          (caller.sourceArn ? ` from source ${caller.sourceArn}` : ''),
      );
    }
    const requestId = randomUUID();
    switch (request.invocationType) {
      case 'DryRun':
        return { statusCode: 204, payload: '', requestId, executedVersion: LATEST };
      case 'Event': {
        checkSize(request.payload, ASYNC_PAYLOAD_LIMIT);
        this.queue.enqueue({
          requestId,
          functionName: name,
          payload: request.payload,
          enqueuedAt: this.options.clock.now(),
        });
        return { statusCode: 202, payload: '', requestId, executedVersion: LATEST };
      }
      case 'RequestResponse': {
        checkSize(request.payload, SYNC_PAYLOAD_LIMIT);
        const withLog = request.logType === 'Tail';
        return (await this.invoker.execute(record, request.payload, requestId, withLog)).result;
      }
    }
  }

  /** Terminates every host and stops the async queue; queued events stay on disk for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.close();
    const runtimes = [...this.runtimes.values()];
    this.runtimes.clear();
    await Promise.all(runtimes.map(({ runtime }) => runtime.close()));
  }

  private async attempt(event: QueuedEvent): Promise<AttemptOutcome> {
    const record = this.store.get(event.functionName);
    if (!record) return { kind: 'gone' };
    try {
      const execution = await this.invoker.execute(record, event.payload, event.requestId);
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
        },
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
    const next = this.newRevision(config, pkg ?? kept, current);
    this.store.put(next);
    // A function that was serving gets its next environment ready now, not on the next request
    // (runtimeFor retires the old version's environments); any other has nothing to retire.
    if (this.runtimes.has(next.config.name) && !this.closed) this.runtimeFor(next).prestart();
    else void this.retireRuntime(next.config.name);
    return describe(this.options.account, next);
  }

  private newRevision(
    config: FunctionConfig,
    pkg: CodePackage,
    previous: FunctionRecord | undefined,
  ): FunctionRecord {
    return {
      config,
      lastModified: new Date(this.options.clock.now()).toISOString().replace('Z', '+0000'),
      revisionId: randomUUID(),
      codeSha256: pkg.codeSha256,
      codeSize: pkg.codeSize,
      permissions: previous?.permissions ?? [],
      ...(previous?.eventInvokeConfig ? { eventInvokeConfig: previous.eventInvokeConfig } : {}),
      ...(previous?.eventInvokeConfigModified !== undefined
        ? { eventInvokeConfigModified: previous.eventInvokeConfigModified }
        : {}),
    };
  }

  /** The function's record; with `expectedRevisionId`, refused unless it is the current revision. */
  private require(reference: string, expectedRevisionId?: string): FunctionRecord {
    const name = resolveFunctionName(this.options.account, reference);
    const record = this.store.get(name);
    if (!record)
      throw lambdaErrors.notFound(`Function not found: ${functionArn(this.options.account, name)}`);
    if (expectedRevisionId !== undefined && expectedRevisionId !== record.revisionId) {
      throw lambdaErrors.preconditionFailed(
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      );
    }
    return record;
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

function checkSize(payload: string, limit: number): void {
  if (payload.length * 3 > limit && Buffer.byteLength(payload) > limit) {
    throw lambdaErrors.tooLarge(
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
    );
  }
}
