import { randomBytes } from 'node:crypto';
import type { ObjectVersion, VersioningStatus } from './model.ts';

/**
 * How a key's version list (newest first) changes on a write or delete, per bucket versioning
 * state. Pure: the caller persists the new list, then discards the bodies of `removed`.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/AddingObjectstoVersionSuspendedBuckets.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html
 */
export interface VersionChange {
  readonly versions: ObjectVersion[];
  readonly removed: ObjectVersion[];
}

/** The version id a new write gets: a fresh id when versioning is enabled, else `null`. */
export const nextVersionId = (status: VersioningStatus): string =>
  status === 'Enabled' ? randomBytes(24).toString('base64url') : 'null';

/** Puts `version` on top; outside `Enabled` it replaces the existing `null` version. */
export function addVersion(
  versions: readonly ObjectVersion[],
  version: ObjectVersion,
  status: VersioningStatus,
): VersionChange {
  if (status === 'Enabled') return { versions: [version, ...versions], removed: [] };
  return {
    versions: [version, ...versions.filter((v) => v.versionId !== 'null')],
    removed: versions.filter((v) => v.versionId === 'null'),
  };
}

/** Removes one version permanently (DeleteObject with a versionId, lifecycle expiry). */
export function removeVersion(versions: readonly ObjectVersion[], versionId: string): VersionChange {
  return {
    versions: versions.filter((v) => v.versionId !== versionId),
    removed: versions.filter((v) => v.versionId === versionId),
  };
}

/**
 * A delete without a version id: unversioned buckets lose the object; versioned ones get a delete
 * marker on top (id `null` when suspended, replacing the `null` version).
 */
export function deleteCurrent(
  versions: readonly ObjectVersion[],
  status: VersioningStatus,
  now: number,
): VersionChange & { readonly marker?: ObjectVersion } {
  if (status === 'Unversioned') return { versions: [], removed: [...versions] };
  const marker: ObjectVersion = {
    versionId: nextVersionId(status),
    deleteMarker: true,
    lastModified: now,
    etag: '',
    size: 0,
  };
  return { ...addVersion(versions, marker, status), marker };
}
