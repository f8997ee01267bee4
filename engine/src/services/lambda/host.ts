import type { Worker } from 'node:worker_threads';
import type { EndpointChannel } from '../../protocol/endpoint-call.ts';
import type {
  AnswerMessage,
  CallMessage,
  DoneMessage,
  FromHost,
  HostConfig,
  HostWorkerData,
  InvokeMessage,
  PrewarmMessage,
} from './host/protocol.ts';
import { spawnWorker } from './host-entry.ts';

/** Why an invocation got no answer from its host. */
export type LostReason = 'timeout' | 'out-of-memory' | 'crash';

export interface LostMessage {
  readonly k: 'lost';
  readonly id: string;
  readonly env: number;
  readonly reason: LostReason;
}

export type HostResult = DoneMessage | LostMessage;

export interface HostOptions {
  readonly entry: string | URL;
  readonly config: HostConfig;
  readonly env: Readonly<Record<string, string>>;
  /** V8 old-generation limit for the whole host (all its environments). */
  readonly heapLimitMb: number;
  /** V8 young-generation limit for the host (heap-sizes.ts); V8's default for the heap when absent. */
  readonly youngGenerationMb?: number;
  /** How long past an invocation's deadline the host may stay silent before it counts as blocked. */
  readonly graceMs?: number;
  /** The init phase's limit; default Lambda's INIT_LIMIT_MS. */
  readonly initLimitMs?: number;
  /** Answers the functions' SDK calls to `config.endpointUrl` without a socket (sdk-channel.ts). */
  readonly channel?: EndpointChannel;
}

/** Lambda's limit on the init phase of an on-demand environment. */
export const INIT_LIMIT_MS = 10_000;

/**
 * Everything about a host except the code it runs: hosts of two runtimes with the same shape are
 * interchangeable, so a code-only update (UpdateFunctionCode) keeps the warm host and its loaded
 * modules instead of starting a worker. Environment variables, memory, handler, log settings or
 * the entry differ: a new host (on AWS too, new settings take effect in new environments).
 */
export function hostShape(options: HostOptions): string {
  const { code: _code, ...config } = options.config;
  const { entry, env, heapLimitMb, youngGenerationMb, graceMs, initLimitMs } = options;
  return JSON.stringify([String(entry), env, heapLimitMb, youngGenerationMb, graceMs, initLimitMs, config]);
}

interface Pending {
  readonly message: InvokeMessage;
  readonly sentAt: number;
  /** When the handler started after a cold init (the host says so). */
  startedAt?: number;
  readonly resolve: (result: HostResult) => void;
}

/**
 * The main thread's handle on one host worker. It forwards invocations, matches answers to them
 * and watches deadlines on the wall clock: a host that stays silent `graceMs` past a deadline has a
 * blocked event loop (a synchronous infinite loop), so it is terminated and its work reported lost.
 * A prewarm (an init run ahead of demand) is watched the same way, under the init limit.
 */
export class Host {
  /** Environments this host holds (live or busy), for spreading new ones across hosts. */
  environments = 0;
  /** Told when the worker is gone; the runtime that owns the host (it changes when a successor adopts it). */
  onGone: (host: Host) => void;
  private readonly worker: Worker;
  private readonly pending = new Map<string, Pending>();
  /** Prewarmed environments whose init has not reported yet, with when it was asked for. */
  private readonly initializing = new Map<number, number>();
  /** The code each environment not yet created in the worker is to run. */
  private readonly codeOf = new Map<number, number>();
  private nextEnvironment = 1;
  private readyAt?: number;
  private alive = true;
  private exitReason: LostReason = 'crash';
  private readonly watchdog: NodeJS.Timeout;
  private readonly graceMs: number;
  private readonly initLimitMs: number;
  private readonly exited: Promise<void>;
  private readonly channel?: EndpointChannel;

  constructor(options: HostOptions, codeId: number, onGone: (host: Host) => void) {
    this.onGone = onGone;
    this.graceMs = options.graceMs ?? 1000;
    this.initLimitMs = options.initLimitMs ?? INIT_LIMIT_MS;
    if (options.channel) this.channel = options.channel;
    this.worker = spawnWorker(options.entry, {
      workerData: { ...options.config, codeId } satisfies HostWorkerData,
      // The SDK's "Node 20 support ends" notice is about the machine hosting the emulation, not the
      // function (nodejs22.x on AWS); it would print once per host into the engine's output.
      env: { ...options.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      resourceLimits: {
        maxOldGenerationSizeMb: options.heapLimitMb,
        ...(options.youngGenerationMb !== undefined && {
          maxYoungGenerationSizeMb: options.youngGenerationMb,
        }),
      },
      stdout: false,
      stderr: false,
    });
    this.worker.on('message', (message: FromHost) => this.receive(message));
    this.worker.on('error', (error: Error & { code?: string }) => {
      // The worker is dying: route new work elsewhere now, not when 'exit' arrives.
      this.alive = false;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.exitReason = 'out-of-memory';
      else
        process.stderr.write(
          `lambda host (${options.config.functionName}) failed: ${error.stack ?? error}\n`,
        );
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    void this.exited.then(() => this.gone());
    this.watchdog = setInterval(() => this.checkDeadlines(), 200);
    this.watchdog.unref();
  }

  get isAlive(): boolean {
    return this.alive;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** A new environment id on this host; the environment runs code `codeId` once created. */
  newEnvironment(codeId: number): number {
    const env = this.nextEnvironment++;
    this.codeOf.set(env, codeId);
    return env;
  }

  run(message: InvokeMessage): Promise<HostResult> {
    if (!this.alive) {
      return Promise.resolve({ k: 'lost', id: message.id, env: message.env, reason: this.exitReason });
    }
    // Only a cold invocation can create the environment, so only it says which code to run.
    const codeId = message.cold ? this.codeOf.get(message.env) : undefined;
    const sent = codeId === undefined ? message : { ...message, codeId };
    this.codeOf.delete(message.env);
    return new Promise((resolve) => {
      this.pending.set(message.id, { message, sentAt: Date.now(), resolve });
      this.worker.postMessage(sent);
    });
  }

  /** Brings new code into this host: environments created from now on run it. */
  load(codeId: number, code: string): void {
    if (this.alive) this.worker.postMessage({ k: 'code', codeId, code });
  }

  /** Creates environment `env` and runs its init now; its first invocation reports the outcome. */
  prewarm(env: number, stream: string, clockOffsetMs: number): void {
    const codeId = this.codeOf.get(env);
    if (!this.alive || codeId === undefined) return;
    this.codeOf.delete(env);
    this.initializing.set(env, Date.now());
    this.worker.postMessage({ k: 'prewarm', env, codeId, stream, clockOffsetMs } satisfies PrewarmMessage);
  }

  discard(env: number): void {
    this.codeOf.delete(env);
    this.initializing.delete(env);
    if (this.alive) this.worker.postMessage({ k: 'discard', env });
  }

  /** Ends the worker; in-flight invocations are reported lost. */
  async terminate(): Promise<void> {
    this.alive = false;
    await this.worker.terminate();
    await this.exited;
  }

  private receive(message: FromHost): void {
    if (message.k === 'ready') {
      this.readyAt = Date.now();
      return;
    }
    if (message.k === 'initialized') {
      this.initializing.delete(message.env);
      return;
    }
    if (message.k === 'call') {
      void this.answer(message);
      return;
    }
    if (message.k === 'started') {
      const started = this.pending.get(message.id);
      if (started) started.startedAt = Date.now();
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    pending.resolve(message);
  }

  private async answer({ id, call }: CallMessage): Promise<void> {
    let reply: AnswerMessage;
    try {
      const answer = this.channel ? await this.channel(call) : undefined;
      reply = answer ? { k: 'answer', id, answer } : { k: 'answer', id };
    } catch (error) {
      reply = { k: 'answer', id, failed: error instanceof Error ? error.message : String(error) };
    }
    if (this.alive) this.worker.postMessage(reply);
  }

  private checkDeadlines(): void {
    if (this.readyAt === undefined || !this.alive) return;
    if (this.pending.size === 0 && this.initializing.size === 0) return;
    const now = Date.now();
    const readyAt = this.readyAt;
    const initOverdue = [...this.initializing.values()].some(
      (askedAt) => now > Math.max(askedAt, readyAt) + this.initLimitMs + this.graceMs,
    );
    // When the handler's deadline falls: a cold environment gets its init limit before the timeout.
    const deadline = (p: Pending): number => {
      if (p.startedAt !== undefined) return p.startedAt + p.message.timeoutMs;
      const base = Math.max(p.sentAt, readyAt);
      return base + p.message.timeoutMs + (p.message.cold ? this.initLimitMs : 0);
    };
    if (!initOverdue && ![...this.pending.values()].some((p) => now > deadline(p) + this.graceMs)) return;
    for (const p of this.pending.values()) {
      const late = now > deadline(p);
      p.resolve({ k: 'lost', id: p.message.id, env: p.message.env, reason: late ? 'timeout' : 'crash' });
    }
    this.pending.clear();
    this.initializing.clear();
    this.alive = false;
    void this.worker.terminate();
  }

  private gone(): void {
    this.alive = false;
    clearInterval(this.watchdog);
    for (const p of this.pending.values()) {
      p.resolve({ k: 'lost', id: p.message.id, env: p.message.env, reason: this.exitReason });
    }
    this.pending.clear();
    this.onGone(this);
  }
}
