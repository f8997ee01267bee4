import { checkKey } from '../object-key.ts';
import type { S3Caller } from '../policy.ts';
import type { OperationHandler } from '../rest-xml/http-message.ts';
import { objectVersionInput, versionHeader } from '../rest-xml/object-headers.ts';
import type { S3Context } from '../service.ts';
import { deleteCurrent, removeVersion } from '../versions.ts';

/**
 * Without a version id: deletes (unversioned) or adds a delete marker (versioned). With one:
 * removes that version or marker for good. Deleting what does not exist succeeds, as on S3.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html
 */
export interface DeleteObjectInput {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

export interface DeleteObjectOutput {
  /** True when a delete marker was created, or the removed version was one. */
  readonly deleteMarker?: boolean;
  readonly versionId?: string;
}

export function deleteObject(ctx: S3Context, input: DeleteObjectInput, caller: S3Caller): DeleteObjectOutput {
  const bucket = ctx.store.get(input.bucket);
  const action = input.versionId === undefined ? 's3:DeleteObject' : 's3:DeleteObjectVersion';
  ctx.authorize(caller, action, bucket, input.key);
  checkKey(input.key);
  const versions = bucket.objects.get(input.key) ?? [];
  if (input.versionId !== undefined) {
    const change = removeVersion(versions, input.versionId);
    if (change.removed.length === 0) return { versionId: input.versionId };
    ctx.store.replaceVersions(bucket, input.key, change);
    return { versionId: input.versionId, ...(change.removed[0]?.deleteMarker ? { deleteMarker: true } : {}) };
  }
  if (bucket.versioning === 'Unversioned' && versions.length === 0) return {};
  const change = deleteCurrent(versions, bucket.versioning, ctx.clock.now());
  ctx.store.replaceVersions(bucket, input.key, change);
  return change.marker ? { deleteMarker: true, versionId: change.marker.versionId } : {};
}

export const deleteObjectHandler: OperationHandler = (service, request) => {
  const result = service.deleteObject(objectVersionInput(request), request.caller);
  return {
    status: 204,
    headers: {
      ...(result.deleteMarker ? { 'x-amz-delete-marker': 'true' } : {}),
      ...versionHeader(true, result.versionId),
    },
  };
};
