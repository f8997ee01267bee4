import { s3Errors } from './errors.ts';
import type { BucketState, MultipartUpload } from './model.ts';
import type { S3Store } from './store.ts';

/** The upload `uploadId` names, when it is one of `key`'s; NoSuchUpload otherwise. */
export function findUpload(bucket: BucketState, key: string, uploadId: string): MultipartUpload {
  const upload = bucket.uploads.get(uploadId);
  if (!upload || upload.key !== key) throw s3Errors.noSuchUpload(uploadId);
  return upload;
}

/** Forgets an upload and its parts (abort, lifecycle AbortIncompleteMultipartUpload). */
export function discardUpload(store: S3Store, bucket: BucketState, upload: MultipartUpload): void {
  bucket.uploads.delete(upload.uploadId);
  store.save(bucket);
  store.deleteBodies(Object.values(upload.parts).map((p) => p.bodyFile));
}
