import { readdirSync, readFileSync, statSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StateFile } from './state-file.ts';
import { objectWith } from './state-file-error.ts';

/** Bytes on disk by top-level folder of the data directory (one folder per service). */
export type UsageBySection = Record<string, number>;

export interface UsageSample {
  /** Milliseconds since the epoch, real time (disk growth is a real-world quantity). */
  readonly at: number;
  readonly bytes: UsageBySection;
}

export const USAGE_FILE = 'usage.json';
/** Samples are taken this often and kept this long (enough for "the last hour" and a day's trend). */
export const SAMPLE_EVERY_MS = 5 * 60_000;
const KEEP_MS = 26 * 3_600_000;

/** Sizes now, by service folder; files at the top level count under "(top level)". Synchronous (CLI). */
export function measureDataDir(dataDir: string): UsageBySection {
  const sizes: UsageBySection = {};
  const walk = (path: string): number => {
    let total = 0;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      try {
        if (entry.isDirectory()) total += walk(full);
        else if (entry.isFile()) total += statSync(full).size;
      } catch {
        // A file removed while walking (a rotated log) just does not count.
      }
    }
    return total;
  };
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    const full = join(dataDir, entry.name);
    if (entry.isDirectory()) sizes[entry.name] = walk(full);
    else if (entry.isFile()) sizes['(top level)'] = (sizes['(top level)'] ?? 0) + statSync(full).size;
  }
  return sizes;
}

/** The same, without blocking the event loop (the engine samples while serving). */
async function measureAsync(dataDir: string): Promise<UsageBySection> {
  const sizes: UsageBySection = {};
  const walk = async (path: string): Promise<number> => {
    let total = 0;
    for (const entry of await readdir(path, { withFileTypes: true }).catch(() => [])) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) total += await walk(full);
      else if (entry.isFile()) total += (await lstat(full).catch(() => ({ size: 0 }))).size;
    }
    return total;
  };
  for (const entry of await readdir(dataDir, { withFileTypes: true })) {
    const full = join(dataDir, entry.name);
    if (entry.isDirectory()) sizes[entry.name] = await walk(full);
    else if (entry.isFile()) sizes['(top level)'] = (sizes['(top level)'] ?? 0) + (await lstat(full)).size;
  }
  return sizes;
}

export function readUsageSamples(dataDir: string): UsageSample[] {
  try {
    const doc = JSON.parse(readFileSync(join(dataDir, USAGE_FILE), 'utf8')) as { samples?: UsageSample[] };
    return Array.isArray(doc.samples) ? doc.samples : [];
  } catch {
    return [];
  }
}

/** The sample to compare with for "growth over the last hour": the newest one at least an hour old, else the oldest. */
export function baselineSample(
  samples: readonly UsageSample[],
  now: number,
  windowMs = 3_600_000,
): UsageSample | undefined {
  const old = samples.filter((s) => s.at <= now - windowMs);
  return old.length > 0 ? old[old.length - 1] : samples[0];
}

/**
 * Samples the data directory's size by service every {@link SAMPLE_EVERY_MS} into `usage.json`,
 * so `tapstack status` can show growth over the last hour. A failed sample is skipped, never fatal.
 */
export class UsageSampler {
  private timer: NodeJS.Timeout | undefined;
  private readonly file: StateFile<{ samples: UsageSample[] }>;

  constructor(
    private readonly dataDir: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.file = new StateFile(
      join(dataDir, USAGE_FILE),
      () => ({ samples: [] }),
      objectWith({ samples: 'list' }),
    );
  }

  start(): void {
    void this.sample();
    // Real time on purpose: the engine clock may run faster (--time-scale) and disk growth is real.
    this.timer = setInterval(() => void this.sample(), SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async sample(): Promise<void> {
    try {
      const bytes = await measureAsync(this.dataDir);
      const now = Date.now();
      let samples: UsageSample[];
      try {
        samples = this.file.load().samples;
      } catch {
        samples = [];
      }
      samples = [...samples.filter((s) => s.at >= now - KEEP_MS), { at: now, bytes }];
      this.file.save({ samples });
    } catch (error) {
      this.onError(error);
    }
  }
}
