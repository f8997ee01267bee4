import type { LifecycleRule, MultipartUpload, ObjectVersion, VersioningStatus } from './model.ts';

/**
 * Lifecycle decisions as a pure function: given a bucket's versions, its rules and the time,
 * which actions are due. The service's daily sweep applies them.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html
 */
export type LifecycleAction =
  /** Current version expired: a delete marker on versioned buckets, a deletion on unversioned ones. */
  | { readonly kind: 'expireCurrent'; readonly key: string }
  /** A noncurrent version, or a delete marker with no versions left behind it, removed for good. */
  | { readonly kind: 'deleteVersion'; readonly key: string; readonly versionId: string }
  /** A multipart upload left incomplete for DaysAfterInitiation, aborted with its parts. */
  | { readonly kind: 'abortUpload'; readonly key: string; readonly uploadId: string };

export interface LifecycleView {
  readonly versioning: VersioningStatus;
  readonly objects: ReadonlyMap<string, readonly ObjectVersion[]>;
  readonly uploads?: ReadonlyMap<string, MultipartUpload>;
}

const DAY_MS = 86_400_000;

/**
 * S3 adds the days to the start time and rounds up to the next midnight UTC: an object written
 * 2026-01-15T10:30Z with `Days: 3` expires at 2026-01-19T00:00Z.
 */
export const dueAt = (start: number, days: number, dayMs = DAY_MS): number =>
  Math.ceil((start + days * dayMs) / dayMs) * dayMs;

export function planLifecycle(
  view: LifecycleView,
  rules: readonly LifecycleRule[],
  now: number,
  /** A lifecycle "day": 24 h, or 24 h / N under the local `--retention-scale N` deviation. */
  dayMs = DAY_MS,
): LifecycleAction[] {
  const actions = new Map<string, LifecycleAction>();
  const add = (action: LifecycleAction): void => {
    const id =
      action.kind === 'expireCurrent'
        ? `c:${action.key}`
        : action.kind === 'deleteVersion'
          ? `v:${action.key}:${action.versionId}`
          : `u:${action.uploadId}`;
    actions.set(id, action);
  };
  for (const [key, versions] of view.objects) {
    for (const rule of rules) {
      if (rule.status !== 'Enabled' || !key.startsWith(rule.prefix)) continue;
      for (const action of ruleActions(key, versions, rule, now, dayMs)) add(action);
    }
  }
  for (const upload of view.uploads?.values() ?? []) {
    for (const rule of rules) {
      const days = rule.abortIncompleteMultipartUploadDays;
      if (rule.status !== 'Enabled' || days === undefined || !upload.key.startsWith(rule.prefix)) continue;
      if (dueAt(upload.initiatedAt, days, dayMs) <= now)
        add({ kind: 'abortUpload', key: upload.key, uploadId: upload.uploadId });
    }
  }
  return [...actions.values()];
}

function ruleActions(
  key: string,
  versions: readonly ObjectVersion[],
  rule: LifecycleRule,
  now: number,
  dayMs: number,
): LifecycleAction[] {
  const actions: LifecycleAction[] = [];
  const [current, ...noncurrent] = versions;
  if (!current) return actions;
  if (rule.expirationDays !== undefined && !current.deleteMarker) {
    if (dueAt(current.lastModified, rule.expirationDays, dayMs) <= now)
      actions.push({ kind: 'expireCurrent', key });
  }
  if (rule.noncurrentDays !== undefined) {
    const keep = rule.newerNoncurrentVersions ?? 0;
    noncurrent.forEach((version, index) => {
      // A version becomes noncurrent when the next newer one is written.
      const becameNoncurrent = (versions[index] as ObjectVersion).lastModified;
      if (index >= keep && dueAt(becameNoncurrent, rule.noncurrentDays as number, dayMs) <= now) {
        actions.push({ kind: 'deleteVersion', key, versionId: version.versionId });
      }
    });
  }
  // An age-based Expiration also cleans up expired delete markers; ExpiredObjectDeleteMarker
  // exists for rules that expire only noncurrent versions.
  const cleansMarkers = rule.expiredObjectDeleteMarker === true || rule.expirationDays !== undefined;
  if (cleansMarkers && current.deleteMarker && noncurrent.length === 0) {
    actions.push({ kind: 'deleteVersion', key, versionId: current.versionId });
  }
  return actions;
}
