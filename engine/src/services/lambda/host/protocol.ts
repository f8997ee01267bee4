/**
 * Messages between the main thread and a host worker. Payloads and results travel as strings
 * (JSON text), never as objects, so structured cloning stays cheap on the hot path.
 */

/** Fixed per host: one function version. The function's env vars go in the Worker's `env`. */
export interface HostConfig {
  readonly code: string;
  readonly handler: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memorySizeMb: number;
  readonly logGroupName: string;
  readonly logFormat: 'Text' | 'JSON';
  /** Minimum application level for JSON logs (TRACE..FATAL); absent = INFO. Ignored for Text. */
  readonly applicationLogLevel?: string;
  readonly nodeModulesDir: string;
}

/** main -> host: run one invocation in environment `env` (created, with init, if the host lacks it). */
export interface InvokeMessage {
  readonly k: 'invoke';
  readonly env: number;
  readonly id: string;
  readonly payload: string;
  readonly stream: string;
  readonly timeoutMs: number;
  /** The environment is new: init runs first, under its own limit, before the timeout starts. */
  readonly cold: boolean;
  /** Emulated clock minus wall clock, so log timestamps follow the engine's clock. */
  readonly clockOffsetMs: number;
}

/** main -> host: forget an environment (its module state is dropped). */
export interface DiscardMessage {
  readonly k: 'discard';
  readonly env: number;
}

export type ToHost = InvokeMessage | DiscardMessage;

/** How an invocation ended, from the host's point of view. */
export type Outcome =
  /** The handler returned; `payload` is the JSON text of its result. */
  | 'ok'
  /** The handler threw / rejected / called back with an error; `payload` is the error object. */
  | 'error'
  /** Deadline passed; environment dead. */
  | 'timeout'
  /** `process.exit()` was called; environment dead. */
  | 'exit'
  /** Init failed (module threw, handler missing); environment dead. */
  | 'init-error'
  /** The payload was not JSON: a caller error, the handler never ran. */
  | 'bad-request';

/** One application log event, already formatted as CloudWatch shows it. */
export type LogLine = readonly [timestamp: number, message: string];

/** host -> main: the end of one invocation. */
export interface DoneMessage {
  readonly k: 'done';
  readonly id: string;
  readonly env: number;
  readonly outcome: Outcome;
  readonly payload: string;
  readonly durationMs: number;
  /** Present on the invocation that initialised the environment (cold start). */
  readonly initDurationMs?: number;
  readonly maxMemoryUsedMb: number;
  /** Lines logged during init (before START). */
  readonly initLogs: readonly LogLine[];
  readonly logs: readonly LogLine[];
}

/** host -> main: init finished and the handler starts now (sent on cold starts only). */
export interface StartedMessage {
  readonly k: 'started';
  readonly id: string;
}

/** host -> main: the host loaded its code and listens. */
export interface ReadyMessage {
  readonly k: 'ready';
}

export type FromHost = DoneMessage | StartedMessage | ReadyMessage;
