import { Host, type HostOptions, hostShape } from './host.ts';

/** A warm or busy execution environment, as the main thread tracks it. */
export interface EnvironmentSlot {
  readonly id: number;
  readonly host: Host;
  readonly stream: string;
  readonly createdAt: number;
  /** True until its first invocation has run (or reported a prewarmed) init. */
  cold: boolean;
}

export interface FunctionRuntimeOptions {
  readonly host: HostOptions;
  /** How many host workers this function spreads its environments over. */
  readonly hosts: number;
  readonly newStreamName: () => string;
  readonly now: () => number;
}

/** Names each runtime's code inside the hosts, which may hold environments of several. */
let lastCodeId = 0;

/**
 * The environments of one function version and the hosts that hold them. Each environment serves
 * one invocation at a time: `acquire` hands out an idle warm one (most recently used first, as
 * Lambda prefers warm environments) or creates a new one on the least loaded host; hosts start on
 * first use. The caller enforces concurrency limits before acquiring.
 *
 * When a new version replaces this one, `retire(successor)` hands the live hosts over if only the
 * code changed (same settings): the successor loads its code into them, so its environments skip
 * the worker's start and find the modules (the AWS SDK) already loaded. Invocations in flight
 * finish on the old code in the same host; idle environments of the old code are discarded.
 */
export class FunctionRuntime {
  inFlight = 0;
  private readonly codeId = ++lastCodeId;
  private readonly shape: string;
  private hosts: Host[] = [];
  private idle: EnvironmentSlot[] = [];
  private retired = false;

  constructor(private readonly options: FunctionRuntimeOptions) {
    this.shape = hostShape(options.host);
  }

  acquire(): EnvironmentSlot {
    for (;;) {
      const slot = this.idle.pop();
      if (!slot) break;
      if (slot.host.isAlive) return slot;
    }
    return this.newSlot(this.pickHost());
  }

  /** Back to the idle pool, or, when the environment died or must not be reused, gone. */
  release(slot: EnvironmentSlot, reusable: boolean): void {
    if (reusable && slot.host.isAlive && !this.retired) {
      this.idle.push(slot);
      return;
    }
    this.drop(slot);
    // A host handed to a successor is no longer this runtime's to end.
    if (this.retired && slot.host.inFlight === 0 && this.hosts.includes(slot.host))
      void slot.host.terminate();
  }

  get idleCount(): number {
    return this.idle.length;
  }

  /**
   * Makes one environment ready before any request needs it (after an update): its host starts
   * (or is the one adopted from the predecessor) and its init runs now, so the next invocation
   * finds an initialised environment of the new code. Its init's logs and duration are reported by
   * that invocation, as a cold start's are.
   */
  prestart(): void {
    if (this.retired || this.idle.length > 0) return;
    const slot = this.newSlot(this.pickHost());
    slot.host.prewarm(slot.id, slot.stream, this.options.now() - Date.now());
    this.idle.push(slot);
  }

  /**
   * Stops accepting work and discards the idle environments. Hosts go to `successor` when it can
   * run them (same settings); the others end now if idle, else when their last invocation finishes.
   */
  async retire(successor?: FunctionRuntime): Promise<void> {
    this.retired = true;
    for (const slot of this.idle) this.drop(slot);
    this.idle = [];
    if (successor) this.hosts = this.hosts.filter((host) => !successor.adopt(host, this.shape));
    await Promise.all(this.hosts.filter((h) => h.inFlight === 0).map((h) => h.terminate()));
  }

  /** Ends every host now; in-flight invocations are reported lost. */
  async close(): Promise<void> {
    this.retired = true;
    this.idle = [];
    await Promise.all(this.hosts.map((h) => h.terminate()));
  }

  /** Takes over a predecessor's host when it has this runtime's settings; its new environments run this code. */
  private adopt(host: Host, shape: string): boolean {
    if (this.retired || shape !== this.shape || !host.isAlive) return false;
    if (this.hosts.filter((h) => h.isAlive).length >= this.options.hosts) return false;
    host.load(this.codeId, this.options.host.config.code);
    host.onGone = (gone) => this.forget(gone);
    this.hosts.push(host);
    return true;
  }

  private newSlot(host: Host): EnvironmentSlot {
    host.environments++;
    return {
      id: host.newEnvironment(this.codeId),
      host,
      stream: this.options.newStreamName(),
      createdAt: this.options.now(),
      cold: true,
    };
  }

  private drop(slot: EnvironmentSlot): void {
    slot.host.environments--;
    slot.host.discard(slot.id);
  }

  private pickHost(): Host {
    const live = this.hosts.filter((h) => h.isAlive);
    if (live.length < this.options.hosts) {
      const host = new Host(this.options.host, this.codeId, (gone) => this.forget(gone));
      this.hosts.push(host);
      return host;
    }
    return live.reduce((best, h) => (h.environments < best.environments ? h : best));
  }

  private forget(host: Host): void {
    const index = this.hosts.indexOf(host);
    if (index >= 0) this.hosts.splice(index, 1);
    this.idle = this.idle.filter((slot) => slot.host !== host);
  }
}
