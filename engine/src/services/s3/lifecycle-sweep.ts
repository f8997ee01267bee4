import { guard } from '../../runtime/background-task.ts';
import type { Clock, TimerHandle } from '../../runtime/clock.ts';
import { planLifecycle } from './lifecycle.ts';
import { discardUpload } from './multipart-uploads.ts';
import type { S3Store } from './store.ts';
import { deleteCurrent, removeVersion } from './versions.ts';

const DAY_MS = 86_400_000;

/**
 * Runs lifecycle rules at every emulated midnight UTC. Actions are S3's own, so bucket policies
 * do not apply to them. https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
 */
export class LifecycleSweep {
  private timer: TimerHandle | undefined;

  constructor(
    private readonly store: S3Store,
    private readonly clock: Clock,
    /** A lifecycle day in ms: 24 h divided by the local `--retention-scale`. */
    private readonly dayMs = DAY_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    const next = Math.floor(this.clock.now() / this.dayMs) * this.dayMs + this.dayMs;
    this.schedule(next - this.clock.now());
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Applies every due action now; returns how many were applied. */
  run(): number {
    const now = this.clock.now();
    let applied = 0;
    for (const name of this.store.names()) {
      const bucket = this.store.get(name);
      if (!bucket.lifecycle) continue;
      for (const action of planLifecycle(bucket, bucket.lifecycle, now, this.dayMs)) {
        applied++;
        if (action.kind === 'abortUpload') {
          const upload = bucket.uploads.get(action.uploadId);
          if (upload) discardUpload(this.store, bucket, upload);
          continue;
        }
        const versions = bucket.objects.get(action.key) ?? [];
        const change =
          action.kind === 'expireCurrent'
            ? deleteCurrent(versions, bucket.versioning, now)
            : removeVersion(versions, action.versionId);
        this.store.replaceVersions(bucket, action.key, change);
      }
    }
    return applied;
  }

  private schedule(delay: number): void {
    this.timer = this.clock.setTimer(() => {
      void guard('S3 lifecycle sweep', () => this.run());
      this.schedule(this.dayMs);
    }, delay);
  }
}
