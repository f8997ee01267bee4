/**
 * Background work (flushes, sweeps, pumps, state saves, alarm evaluation) runs from timers, where
 * a thrown error would end the process. Each task runs through `guard`: a failure is logged as one
 * line naming the task and the file (Node's fs errors carry `path`), and the task retries with
 * backoff (`RetryBackoff`) so service resumes on its own, e.g. once disk space returns.
 */

export type Warn = (message: string) => void;

export const stderrWarn: Warn = (message) => console.error(`[tapstack] ${message}`);

/** `logs flush failed writing /data/x.log: ENOSPC (no space left on device); retrying in 2 s`. */
export function failureLine(task: string, error: unknown, retryMs?: number): string {
  const e = error as NodeJS.ErrnoException | undefined;
  const path = typeof e?.path === 'string' ? ` writing ${e.path}` : '';
  const detail =
    typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)
      ? `${e.code} (${(e.message ?? '').replace(/^E[A-Z]+: /, '').replace(/,.*$/, '')})`
      : error instanceof Error
        ? error.message
        : String(error);
  const retry = retryMs === undefined ? '' : `; retrying in ${Math.max(1, Math.round(retryMs / 1000))} s`;
  return `${task} failed${path}: ${detail}${retry}`;
}

/** Runs `fn` (sync or async) and logs instead of throwing; resolves true when it succeeded. */
export async function guard(task: string, fn: () => unknown, warn: Warn = stderrWarn): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (error) {
    warn(failureLine(task, error));
    return false;
  }
}

/** Delays of 1 s, 2 s, 4 s ... up to `maxMs`, back to the start after a success. */
export class RetryBackoff {
  private attempt = 0;

  constructor(
    private readonly baseMs = 1000,
    private readonly maxMs = 30_000,
  ) {}

  next(): number {
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }

  get failing(): boolean {
    return this.attempt > 0;
  }
}
