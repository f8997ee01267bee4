import { Host, type HostOptions } from './host.ts';

/** A warm or busy execution environment, as the main thread tracks it. */
export interface EnvironmentSlot {
  readonly id: number;
  readonly host: Host;
  readonly stream: string;
  readonly createdAt: number;
  /** True until its first invocation has run init. */
  cold: boolean;
}

export interface FunctionRuntimeOptions {
  readonly host: HostOptions;
  /** How many host workers this function spreads its environments over. */
  readonly hosts: number;
  readonly newStreamName: () => string;
  readonly now: () => number;
}

/**
 * The environments of one function version and the hosts that hold them. Each environment serves
 * one invocation at a time: `acquire` hands out an idle warm one (most recently used first, as
 * Lambda prefers warm environments) or creates a new one on the least loaded host; hosts start on
 * first use. The caller enforces concurrency limits before acquiring.
 */
export class FunctionRuntime {
  inFlight = 0;
  private readonly hosts: Host[] = [];
  private idle: EnvironmentSlot[] = [];
  private nextId = 1;
  private retired = false;

  constructor(private readonly options: FunctionRuntimeOptions) {}

  acquire(): EnvironmentSlot {
    for (;;) {
      const slot = this.idle.pop();
      if (!slot) break;
      if (slot.host.isAlive) return slot;
    }
    const host = this.pickHost();
    host.environments++;
    return {
      id: this.nextId++,
      host,
      stream: this.options.newStreamName(),
      createdAt: this.options.now(),
      cold: true,
    };
  }

  /** Back to the idle pool, or, when the environment died or must not be reused, gone. */
  release(slot: EnvironmentSlot, reusable: boolean): void {
    if (reusable && slot.host.isAlive && !this.retired) {
      this.idle.push(slot);
      return;
    }
    slot.host.environments--;
    slot.host.discard(slot.id);
    if (this.retired && slot.host.inFlight === 0) void slot.host.terminate();
  }

  get idleCount(): number {
    return this.idle.length;
  }

  /**
   * Starts a host before any request needs it (after a code update), so the worker's start-up
   * and the code's compilation overlap the time until the next invocation of the new code.
   */
  prestart(): void {
    if (this.retired || this.hosts.some((h) => h.isAlive)) return;
    this.hosts.push(new Host(this.options.host, (gone) => this.forget(gone)));
  }

  /** Stops accepting work; hosts end now if idle, else when their last invocation finishes. */
  async retire(): Promise<void> {
    this.retired = true;
    this.idle = [];
    await Promise.all(this.hosts.filter((h) => h.inFlight === 0).map((h) => h.terminate()));
  }

  /** Ends every host now; in-flight invocations are reported lost. */
  async close(): Promise<void> {
    this.retired = true;
    this.idle = [];
    await Promise.all(this.hosts.map((h) => h.terminate()));
  }

  private pickHost(): Host {
    const live = this.hosts.filter((h) => h.isAlive);
    if (live.length < this.options.hosts) {
      const host = new Host(this.options.host, (gone) => this.forget(gone));
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
