/**
 * Background writes (log stream flushes, Firehose deliveries, CloudWatch state saves) under the
 * disk's hard floor: instead of filling the disk they are held in memory and written once space
 * returns. What is held is bounded; past the bound the oldest held data is dropped, counted, and
 * reported in one warning line per episode (when dropping starts), plus one line with the total
 * when writing resumes. Nothing here throws.
 */
import { formatBytes } from './disk-space.ts';

/** What background writers ask before writing (the engine's DiskGuard). */
export interface WriteGate {
  /** True while writes must wait: free space is under the hard floor. */
  belowFloor(): boolean;
}

/** Counts what one background writer dropped while held, and says so without flooding the log. */
export class DropCounter {
  private items = 0;
  private bytes = 0;

  constructor(
    /** What is dropped, e.g. `log events`. */
    private readonly what: string,
    /** The task that holds them, e.g. `log stream flush`. */
    private readonly task: string,
    private readonly boundBytes: number,
    private readonly warn: (message: string) => void,
  ) {}

  get dropped(): number {
    return this.items;
  }

  /** Records a drop; the first of an episode is reported at once. */
  drop(items: number, bytes: number): void {
    if (items <= 0) return;
    if (this.items === 0)
      this.warn(
        `${this.task}: the disk is under its hard floor and more than ${formatBytes(this.boundBytes)} of ${this.what} ` +
          'are waiting in memory; the oldest are being dropped (counted; the total follows once space returns)',
      );
    this.items += items;
    this.bytes += bytes;
  }

  /** Writing resumed: reports the episode's total, once, and starts a new count. */
  resumed(): void {
    if (this.items === 0) return;
    this.warn(
      `${this.task}: space returned; ${this.items} ${this.what} (${formatBytes(this.bytes)}) were dropped while the disk was under its floor`,
    );
    this.items = 0;
    this.bytes = 0;
  }
}

/** How much one background writer holds in memory under the floor before it drops the oldest. */
export const DEFAULT_HELD_BYTES = 16 * 1024 * 1024;

/** How often a held writer looks again whether space returned. */
export const HELD_RETRY_MS = 1_000;
