import { statfsSync } from 'node:fs';

/** Bytes free for this user on the file system holding `path`. Tests pass a fake one. */
export type FreeSpaceSource = (path: string) => number;

/** The real source: statfs(2), blocks available to unprivileged users times the block size. */
export const statfsFreeSpace: FreeSpaceSource = (path) => {
  const stats = statfsSync(path);
  return Number(stats.bavail) * Number(stats.bsize);
};

export const DEFAULT_WARN_BELOW = 1024 ** 3;
export const DEFAULT_FLOOR = 100 * 1024 ** 2;

export interface DiskGuardOptions {
  /** The data directory (any path on the file system to watch). */
  readonly path: string;
  /** Below this many free bytes, writes are refused. Default 100 MB. */
  readonly floorBytes?: number;
  /** Below this many free bytes, `up` warns. Default 1 GB. */
  readonly warnBelowBytes?: number;
  readonly source?: FreeSpaceSource;
  /** A reading is reused this long (statfs on every request would cost a syscall each). Default 1000. */
  readonly cacheMs?: number;
  /** Milliseconds for the cache only (real time: free space is a real-world quantity). */
  readonly now?: () => number;
}

/**
 * Watches free space on the data directory's disk so the engine refuses writes before the disk
 * fills, instead of failing half-way through one (a full disk is where torn files come from).
 * A failing statfs counts as "enough space": the guard never blocks writes on its own error.
 */
export class DiskGuard {
  readonly floorBytes: number;
  readonly warnBelowBytes: number;
  private readonly source: FreeSpaceSource;
  private readonly cacheMs: number;
  private readonly now: () => number;
  private reading: { at: number; bytes: number } | undefined;

  constructor(private readonly options: DiskGuardOptions) {
    this.floorBytes = options.floorBytes ?? DEFAULT_FLOOR;
    this.warnBelowBytes = options.warnBelowBytes ?? DEFAULT_WARN_BELOW;
    this.source = options.source ?? statfsFreeSpace;
    this.cacheMs = options.cacheMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Free bytes now (cached for `cacheMs`); Infinity when the file system cannot be asked. */
  freeBytes(): number {
    const now = this.now();
    if (this.reading && now - this.reading.at < this.cacheMs) return this.reading.bytes;
    let bytes: number;
    try {
      bytes = this.source(this.options.path);
    } catch {
      bytes = Number.POSITIVE_INFINITY;
    }
    this.reading = { at: now, bytes };
    return bytes;
  }

  /** True when writes must be refused. */
  belowFloor(): boolean {
    return this.freeBytes() < this.floorBytes;
  }

  /** A warning for `up` when free space is under the threshold, else undefined. */
  warning(): string | undefined {
    const free = this.freeBytes();
    if (free >= this.warnBelowBytes) return undefined;
    const below =
      free < this.floorBytes
        ? `under the hard floor of ${formatBytes(this.floorBytes)}: writes are refused (throttling/unavailable errors) until space is freed`
        : `writes will be refused below ${formatBytes(this.floorBytes)}`;
    return `only ${formatBytes(free)} free on the disk of ${this.options.path} (warning below ${formatBytes(this.warnBelowBytes)}); ${below}`;
  }

  /** The message a refused write carries. */
  refusal(): string {
    return `the local cloud's disk has ${formatBytes(this.freeBytes())} free, under the floor of ${formatBytes(this.floorBytes)}: writes are refused until space is freed`;
  }
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'unknown';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** `1GB`, `500MB`, `0`, `1048576` → bytes; undefined when not a size. */
export function parseBytes(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(text);
  if (!match) return undefined;
  const power = ['', 'k', 'm', 'g', 't'].indexOf((match[2] ?? '').toLowerCase());
  return Math.round(Number(match[1]) * 1024 ** power);
}
