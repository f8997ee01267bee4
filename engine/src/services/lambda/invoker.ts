import type { AccountContext } from '../../runtime/account.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { MetricSink } from '../cloudwatch/metric-sink.ts';
import type { LogEvent, LogSink } from '../logs/sink.ts';
import { lambdaErrors } from './errors.ts';
import type { EnvironmentSlot, FunctionRuntime } from './function-runtime.ts';
import type { HostResult } from './host.ts';
import { initErrorEvent, initErrorType } from './init-error-log.ts';
import {
  endEvent,
  initStartEvent,
  type ReportStatus,
  reportEvent,
  startEvent,
  systemInfoEnabled,
  timeoutEvent,
} from './log-format.ts';
import type { FunctionRecord, InvokeResult } from './model.ts';
import { LATEST } from './names.ts';

/** Synchronous response limit: 6 MB. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;

export interface InvokerDeps {
  readonly clock: Clock;
  readonly account: AccountContext;
  readonly logs: LogSink;
  readonly metrics: MetricSink;
  readonly accountConcurrencyLimit: number;
  runtimeFor(record: FunctionRecord): FunctionRuntime;
}

/** What one run produced; `errorMessage` feeds async retries and dead-letter attributes. */
export interface Execution {
  readonly result: InvokeResult;
  readonly errorMessage?: string;
}

interface Failure {
  readonly status: ReportStatus;
  readonly errorType?: string;
  readonly payload: string;
}

/**
 * Runs one invocation in an execution environment with Lambda's accounting around it: the
 * concurrency limit (reserved, else the account's) answers 429 and counts Throttles; START/END/
 * REPORT frame the function's own log lines; Invocations, Errors, Duration and
 * ConcurrentExecutions go to CloudWatch.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 */
export class Invoker {
  private accountInFlight = 0;

  constructor(private readonly deps: InvokerDeps) {}

  /** With `withLog`, the result carries the invocation's log text (for Invoke's `LogType: Tail`). */
  async execute(
    record: FunctionRecord,
    payload: string,
    requestId: string,
    withLog = false,
  ): Promise<Execution> {
    const { config } = record;
    const runtime = this.deps.runtimeFor(record);
    const limit = config.reservedConcurrency ?? this.deps.accountConcurrencyLimit;
    if (runtime.inFlight >= limit || this.accountInFlight >= this.deps.accountConcurrencyLimit) {
      this.metric('Throttles', 1, 'Count', config.name);
      throw lambdaErrors.throttled(
        runtime.inFlight >= limit
          ? 'ReservedFunctionConcurrentInvocationLimitExceeded'
          : 'ConcurrentInvocationLimitExceeded',
      );
    }
    runtime.inFlight++;
    this.accountInFlight++;
    this.metric('ConcurrentExecutions', runtime.inFlight, 'Count', config.name);
    this.metric('ConcurrentExecutions', this.accountInFlight, 'Count');
    const slot = runtime.acquire();
    const startedAt = this.deps.clock.now();
    let answer: HostResult;
    try {
      answer = await slot.host.run({
        k: 'invoke',
        env: slot.id,
        id: requestId,
        payload,
        stream: slot.stream,
        timeoutMs: config.timeoutSeconds * 1000,
        cold: slot.cold,
        clockOffsetMs: startedAt - Date.now(),
      });
    } finally {
      runtime.inFlight--;
      this.accountInFlight--;
    }
    if (answer.k === 'done' && answer.outcome === 'bad-request') {
      runtime.release(slot, true);
      throw lambdaErrors.invalidRequestContent(
        'Could not parse request body into json: the payload is not valid JSON',
      );
    }
    const failure = describeFailure(answer, requestId, config.timeoutSeconds);
    const reusable = answer.k === 'done' && (answer.outcome === 'ok' || answer.outcome === 'error');
    runtime.release(slot, reusable);
    let responsePayload =
      answer.k === 'done' && answer.outcome === 'ok' ? answer.payload : (failure?.payload ?? 'null');
    let tooLarge: Failure | undefined;
    if (
      !failure &&
      responsePayload.length > SYNC_PAYLOAD_LIMIT / 4 &&
      Buffer.byteLength(responsePayload) > SYNC_PAYLOAD_LIMIT
    ) {
      tooLarge = {
        status: 'error',
        payload: JSON.stringify({
          errorMessage: `Response payload size exceeded maximum allowed payload size (${SYNC_PAYLOAD_LIMIT} bytes).`,
          errorType: 'Function.ResponseSizeTooLarge',
        }),
      };
      responsePayload = tooLarge.payload;
    }
    const failed = failure ?? tooLarge;
    const endedAt = this.deps.clock.now();
    const durationMs = answer.k === 'done' ? answer.durationMs : endedAt - startedAt;
    const logged = this.writeLogs(record, slot, answer, requestId, startedAt, endedAt, durationMs, failed);
    this.metric('Invocations', 1, 'Count', config.name);
    this.metric('Errors', failed ? 1 : 0, 'Count', config.name);
    this.metric('Duration', durationMs, 'Milliseconds', config.name);
    const result: InvokeResult = {
      statusCode: 200,
      payload: responsePayload,
      requestId,
      executedVersion: LATEST,
      ...(failed ? { functionError: 'Unhandled' as const } : {}),
      ...(withLog
        ? { log: logged.map((e) => (e.message.endsWith('\n') ? e.message : `${e.message}\n`)).join('') }
        : {}),
    };
    return failed ? { result, errorMessage: errorMessageOf(failed.payload) } : { result };
  }

  private writeLogs(
    record: FunctionRecord,
    slot: EnvironmentSlot,
    answer: HostResult,
    requestId: string,
    startedAt: number,
    endedAt: number,
    durationMs: number,
    failure: Failure | undefined,
  ): LogEvent[] {
    const { config } = record;
    const system = systemInfoEnabled(config.logFormat, config.systemLogLevel);
    const events: LogEvent[] = [];
    const done = answer.k === 'done' ? answer : undefined;
    const cold = slot.cold;
    slot.cold = false;
    if (cold && system) {
      // A prewarmed environment's init ran before this invocation: INIT_START says when.
      const initAt = done?.initStartedAt ?? startedAt;
      events.push(initStartEvent(config.logFormat, initAt, config.name, LATEST, this.deps.account.region));
    }
    if (done) for (const [timestamp, message] of done.initLogs) events.push({ timestamp, message });
    const initError = done?.outcome === 'init-error' ? done.payload : undefined;
    if (initError !== undefined) events.push(initErrorEvent(config.logFormat, startedAt, initError));
    if (system) events.push(startEvent(config.logFormat, startedAt, requestId, LATEST));
    if (done) for (const [timestamp, message] of done.logs) events.push({ timestamp, message });
    // The timeout notice is a Text line; in JSON format the report's status says "timeout".
    if (failure?.status === 'timeout' && config.logFormat === 'Text') {
      events.push(timeoutEvent(endedAt, requestId, config.timeoutSeconds));
    }
    if (system && config.logFormat === 'Text') events.push(endEvent(endedAt, requestId));
    if (system) {
      events.push(
        reportEvent(config.logFormat, endedAt, {
          requestId,
          version: LATEST,
          durationMs,
          memorySizeMb: config.memorySizeMb,
          maxMemoryUsedMb: done?.maxMemoryUsedMb ?? config.memorySizeMb,
          initDurationMs: done?.initDurationMs,
          status: failure?.status ?? 'success',
          errorType: initError !== undefined ? initErrorType(initError) : failure?.errorType,
        }),
      );
    }
    if (events.length > 0) this.deps.logs.putLogEvents(config.logGroupName, slot.stream, events);
    return events;
  }

  private metric(metricName: string, value: number, unit: string, functionName?: string): void {
    this.deps.metrics.putMetric({
      namespace: 'AWS/Lambda',
      metricName,
      dimensions: functionName ? { FunctionName: functionName } : {},
      value,
      unit,
      timestamp: this.deps.clock.now(),
    });
  }
}

/** The error an invocation ended with, or undefined when the handler returned normally. */
function describeFailure(answer: HostResult, requestId: string, timeoutSeconds: number): Failure | undefined {
  const timedOut = (): Failure => ({
    status: 'timeout',
    payload: JSON.stringify({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
    }),
  });
  if (answer.k === 'lost') {
    if (answer.reason === 'timeout') return timedOut();
    const errorType = answer.reason === 'out-of-memory' ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
    const why =
      answer.reason === 'out-of-memory'
        ? 'exited with error: signal: killed'
        : 'exited without providing a reason';
    return {
      status: 'error',
      errorType,
      payload: JSON.stringify({ errorType, errorMessage: `RequestId: ${requestId} Error: Runtime ${why}` }),
    };
  }
  switch (answer.outcome) {
    case 'ok':
    case 'bad-request':
      return undefined;
    case 'error':
    case 'init-error':
      return { status: 'error', payload: answer.payload };
    case 'timeout':
      return timedOut();
    case 'exit':
      return { status: 'error', errorType: 'Runtime.ExitError', payload: answer.payload };
  }
}

function errorMessageOf(payload: string): string {
  try {
    const parsed = JSON.parse(payload) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // Not JSON: the payload itself is the message.
  }
  return payload;
}
