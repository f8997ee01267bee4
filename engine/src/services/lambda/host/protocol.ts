import type { EndpointCall } from '../../../protocol/endpoint-call.ts';
import type { WireResponse } from '../../../protocol/wire-response.ts';

/**
 * Messages between the main thread and a host worker. Payloads and results travel as strings
 * (JSON text), never as objects, so structured cloning stays cheap on the hot path; a function's
 * SDK call (`call`/`answer`) carries a flat header record and its body as text or bytes.
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
  /**
   * The local cloud's AWS endpoint, when the main thread answers `call` messages: the SDK the
   * runtime provides then sends its calls to it over the host's port (sdk-channel.ts).
   */
  readonly endpointUrl?: string;
}

/**
 * The worker's `workerData`: its configuration and the code it starts with. `codeId` names that
 * code; a host kept across a code update receives the next code in a `code` message.
 */
export interface HostWorkerData extends HostConfig {
  readonly codeId: number;
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
  /** The code a new environment runs (set by the main thread's Host on cold invocations). */
  readonly codeId?: number;
}

/** main -> host: forget an environment (its module state is dropped). */
export interface DiscardMessage {
  readonly k: 'discard';
  readonly env: number;
}

/**
 * main -> host: new code of the same function with the same settings (UpdateFunctionCode). New
 * environments run it; environments created before keep the code they were initialised with.
 */
export interface CodeMessage {
  readonly k: 'code';
  readonly codeId: number;
  readonly code: string;
}

/**
 * main -> host: create environment `env` and run its init now, ahead of its first invocation
 * (after a code update, so the next request does not wait for init). The init's outcome, logs
 * and duration are reported with that first invocation, as a cold start's are.
 */
export interface PrewarmMessage {
  readonly k: 'prewarm';
  readonly env: number;
  readonly codeId: number;
  readonly stream: string;
  readonly clockOffsetMs: number;
}

/** main -> host: the endpoint's answer to a `call`; none: send the call over HTTP instead. */
export interface AnswerMessage {
  readonly k: 'answer';
  readonly id: number;
  readonly answer?: WireResponse;
  /** The main thread could not answer (a bug): the call fails with this message. */
  readonly failed?: string;
}

export type ToHost = InvokeMessage | DiscardMessage | CodeMessage | PrewarmMessage | AnswerMessage;

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
  /** When a prewarmed environment's init began (engine clock); absent when init ran within this invocation. */
  readonly initStartedAt?: number;
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

/** host -> main: a prewarmed environment finished its init (successfully or not). */
export interface InitializedMessage {
  readonly k: 'initialized';
  readonly env: number;
}

/** host -> main: a function's SDK call to the local endpoint, answered with an `answer`. */
export interface CallMessage {
  readonly k: 'call';
  readonly id: number;
  readonly call: EndpointCall;
}

export type FromHost = DoneMessage | StartedMessage | ReadyMessage | InitializedMessage | CallMessage;
