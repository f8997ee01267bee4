import { performance } from 'node:perf_hooks';
import { createConsole } from './console-facade.ts';
import type { DoneMessage, HostConfig, InvokeMessage, LogLine, Outcome } from './protocol.ts';

/** The CommonJS wrapper's parameters, in the order the compiled function receives them. */
export const WRAPPER_PARAMS = [
  'exports',
  'require',
  'module',
  '__filename',
  '__dirname',
  'process',
  'console',
];
export const TASK_ROOT = '/var/task';
const FILENAME = `${TASK_ROOT}/index.js`;

export type CompiledModule = (...args: unknown[]) => unknown;

/** What every environment of a host shares: the compiled code, `require` and the memory sample. */
export interface HostShared {
  readonly config: HostConfig;
  /** The compiled module, or the compile error to report at every init. */
  readonly compiled: CompiledModule | Error;
  readonly require: NodeJS.Require;
  memoryUsedMb(): number;
  /** Refreshes the host's heap sample (after an init, which loads most of the code). */
  sampleMemory(): void;
  send(message: DoneMessage): void;
  /** Tells the main thread the handler starts now, so its watchdog stops allowing for init. */
  started(id: string): void;
}

type Handler = (
  event: unknown,
  context: unknown,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;

/** Thrown by the facade's `process.exit` to unwind the caller's stack; never reported itself. */
export class ExitSignal extends Error {}

/** The result of an environment's init, kept from a prewarm until its first invocation reports it. */
interface InitOutcome {
  readonly failure?: [Outcome, string];
  readonly durationMs: number;
  readonly logs: LogLine[];
  /** Engine-clock time init began; only reported for a prewarmed init (the invocation's start is later). */
  readonly startedAt?: number;
}

interface Running {
  readonly id: string;
  readonly startedAt: number;
  readonly init?: InitOutcome;
  readonly timer: NodeJS.Timeout;
}

/**
 * One execution environment: a fresh evaluation of the function's module with its own
 * `module`/`exports`, `console` and `process` facade, serving one invocation at a time.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 */
export class ExecutionEnvironment {
  private handler?: Handler;
  /** Init already run by `prewarm`, not yet reported. */
  private prewarmed?: InitOutcome;
  private running?: Running;
  private logs: LogLine[] = [];
  private clockOffsetMs = 0;
  private dead = false;
  private readonly console: Console;
  private readonly env: Record<string, string | undefined>;

  constructor(
    readonly id: number,
    private readonly shared: HostShared,
    private readonly stream: string,
  ) {
    this.env = { ...process.env, AWS_LAMBDA_LOG_STREAM_NAME: stream };
    this.console = createConsole(
      {
        requestId: () => this.running?.id,
        emit: (line) => this.logs.push(line),
        now: () => Date.now() + this.clockOffsetMs,
      },
      { format: shared.config.logFormat, minLevel: shared.config.applicationLogLevel },
    );
  }

  /**
   * Runs init now, before any invocation (the environment is created ahead of demand). Its outcome
   * (a failure too) is reported by the first invocation, which does not run init again.
   */
  prewarm(clockOffsetMs: number): void {
    this.clockOffsetMs = clockOffsetMs;
    this.prewarmed = this.runInit(Date.now() + clockOffsetMs);
  }

  invoke(message: InvokeMessage): void {
    this.clockOffsetMs = message.clockOffsetMs;
    let event: unknown;
    try {
      event = message.payload === '' ? {} : JSON.parse(message.payload);
    } catch {
      this.send(message.id, 'bad-request', '', 0);
      return;
    }
    // Init runs on the first invocation, unless a prewarm ran it already (then it reports it).
    const init = this.prewarmed ?? (this.handler ? undefined : this.runInit());
    this.prewarmed = undefined;
    const handler = this.handler;
    if (init?.failure !== undefined || !handler) {
      this.dead = true;
      this.send(message.id, init?.failure?.[0] ?? 'init-error', init?.failure?.[1] ?? '', 0, init);
      return;
    }
    if (init) this.shared.started(message.id);
    const id = message.id;
    const deadline = Date.now() + message.timeoutMs;
    const timer = setTimeout(() => this.finish(id, 'timeout', ''), message.timeoutMs);
    this.running = { id, startedAt: performance.now(), init, timer };
    const callback = (error?: unknown, result?: unknown): void => {
      if (error !== undefined && error !== null) this.fail(id, error);
      else this.succeed(id, result);
    };
    try {
      const result = handler(event, this.context(id, deadline), callback);
      if (isThenable(result)) {
        result.then(
          (value) => this.succeed(id, value),
          (error: unknown) => this.fail(id, error),
        );
      } else if (handler.length < 3) {
        // A non-async handler that takes no callback answers null, as the runtime does.
        this.succeed(id, null);
      }
    } catch (error) {
      if (!(error instanceof ExitSignal)) this.fail(id, error);
    }
  }

  /** Init, timed, with the lines it logged; `startedAt` is given for a prewarm only. */
  private runInit(startedAt?: number): InitOutcome {
    const began = performance.now();
    const failure = this.init();
    const durationMs = performance.now() - began;
    this.shared.sampleMemory();
    const logs = this.takeLogs();
    return { failure, durationMs, logs, ...(startedAt === undefined ? {} : { startedAt }) };
  }

  /** Evaluates the module and finds the handler; returns the failure to report, if any. */
  private init(): [Outcome, string] | undefined {
    const { compiled, config, require } = this.shared;
    if (compiled instanceof Error)
      return ['init-error', errorPayload(compiled, 'Runtime.UserCodeSyntaxError')];
    const dot = config.handler.lastIndexOf('.');
    const file = config.handler.slice(0, dot);
    if (file !== 'index') {
      const error = new Error(`Cannot find module '${file}'`);
      return ['init-error', errorPayload(error, 'Runtime.ImportModuleError')];
    }
    const module = { exports: {} as Record<string, unknown>, id: '.', filename: FILENAME, loaded: false };
    try {
      compiled.call(
        module.exports,
        module.exports,
        require,
        module,
        FILENAME,
        TASK_ROOT,
        this.processFacade(),
        this.console,
      );
    } catch (error) {
      if (error instanceof ExitSignal) return ['exit', this.exitPayload(undefined, 1)];
      return ['init-error', errorPayload(error)];
    }
    module.loaded = true;
    let target: unknown = module.exports;
    for (const key of config.handler.slice(dot + 1).split('.')) {
      target =
        typeof target === 'object' || typeof target === 'function'
          ? (target as Record<string, unknown>)?.[key]
          : undefined;
    }
    if (typeof target !== 'function') {
      const error = new Error(`${config.handler} is undefined or not exported`);
      error.name = 'Runtime.HandlerNotFound';
      return ['init-error', errorPayload(error, 'Runtime.HandlerNotFound')];
    }
    this.handler = target as Handler;
    return undefined;
  }

  /** `process` for the function: its own env, an exit that ends only this environment. */
  private processFacade(): NodeJS.Process {
    const env = this.env;
    const exit = (code?: number): never => {
      const exitCode = typeof code === 'number' ? code : 0;
      this.dead = true;
      if (this.running) this.finish(this.running.id, 'exit', this.exitPayload(this.running.id, exitCode));
      throw new ExitSignal(`process.exit(${exitCode})`);
    };
    return new Proxy(process, {
      get: (target, property) => {
        if (property === 'env') return env;
        if (property === 'exit' || property === 'reallyExit' || property === 'abort') return exit;
        return Reflect.get(target, property);
      },
    });
  }

  private exitPayload(requestId: string | undefined, code: number): string {
    return JSON.stringify({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: exit status ${code}`,
    });
  }

  private context(id: string, deadline: number): Record<string, unknown> {
    const { config } = this.shared;
    const context: Record<string, unknown> = {
      awsRequestId: id,
      functionName: config.functionName,
      functionVersion: config.functionVersion,
      invokedFunctionArn: config.invokedFunctionArn,
      memoryLimitInMB: String(config.memorySizeMb),
      logGroupName: config.logGroupName,
      logStreamName: this.stream,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      succeed: (result: unknown) => this.succeed(id, result),
      fail: (error: unknown) => this.fail(id, error),
      done: (error?: unknown, result?: unknown) =>
        error !== undefined && error !== null ? this.fail(id, error) : this.succeed(id, result),
    };
    return context;
  }

  private succeed(id: string, value: unknown): void {
    if (this.running?.id !== id) return;
    let text: string;
    try {
      text = JSON.stringify(value) ?? 'null';
    } catch (error) {
      const message = `Unable to stringify response body: ${(error as Error).message}`;
      this.finish(id, 'error', JSON.stringify({ errorType: 'Runtime.MarshalError', errorMessage: message }));
      return;
    }
    this.finish(id, 'ok', text);
  }

  private fail(id: string, error: unknown): void {
    if (this.running?.id !== id) return;
    this.logInvokeError(error);
    this.finish(id, 'error', errorPayload(error));
  }

  /** The runtime's own "Invoke Error" line for a failed invocation. */
  private logInvokeError(error: unknown): void {
    if (this.shared.config.logFormat === 'JSON') {
      this.console.error(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const value = error instanceof Error ? error : new Error(String(error));
    const record = {
      errorType: value.name,
      errorMessage: value.message,
      ...value,
      stack: value.stack?.split('\n'),
    };
    let text: string;
    try {
      text = JSON.stringify(record);
    } catch {
      text = JSON.stringify({ errorType: value.name, errorMessage: value.message });
    }
    this.console.error('Invoke Error', `\t${text}`);
  }

  private finish(id: string, outcome: Outcome, payload: string): void {
    const running = this.running;
    if (running?.id !== id) return;
    clearTimeout(running.timer);
    this.running = undefined;
    if (outcome === 'timeout' || outcome === 'exit') this.dead = true;
    const duration = performance.now() - running.startedAt;
    this.send(id, outcome, payload, duration, running.init);
  }

  private send(id: string, outcome: Outcome, payload: string, durationMs: number, init?: InitOutcome): void {
    this.shared.send({
      k: 'done',
      id,
      env: this.id,
      outcome,
      payload,
      durationMs,
      initDurationMs: init?.durationMs,
      ...(init?.startedAt === undefined ? {} : { initStartedAt: init.startedAt }),
      maxMemoryUsedMb: this.shared.memoryUsedMb(),
      initLogs: init?.logs ?? [],
      logs: this.takeLogs(),
    });
  }

  private takeLogs(): LogLine[] {
    const logs = this.logs;
    this.logs = [];
    return logs;
  }

  get isDead(): boolean {
    return this.dead;
  }
}

/** The invoke error body the runtime reports: errorType, errorMessage and trace lines. */
export function errorPayload(error: unknown, errorType?: string): string {
  if (error instanceof Error) {
    return JSON.stringify({
      errorType: errorType ?? error.name,
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    });
  }
  return JSON.stringify({ errorType: errorType ?? typeof error, errorMessage: String(error), trace: [] });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
