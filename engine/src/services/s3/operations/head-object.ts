import { s3Errors } from '../errors.ts';
import type { ObjectVersion } from '../model.ts';
import type { S3Caller } from '../policy.ts';
import type { OperationHandler } from '../rest-xml/http-message.ts';
import { objectHeaders, objectVersionInput } from '../rest-xml/object-headers.ts';
import type { S3Context } from '../service.ts';

/**
 * HeadObject (and GetObject, which reads the body too): the current version, or the one named by
 * `versionId`.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html
 */
export interface GetObjectInput {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

export interface HeadObjectOutput {
  readonly version: ObjectVersion;
  /** Whether the bucket has ever been versioned (then `x-amz-version-id` is returned). */
  readonly versioned: boolean;
}

/** Thrown errors carry `deleteMarker` so the wire layer can set `x-amz-delete-marker`. */
export function headObject(ctx: S3Context, input: GetObjectInput, caller: S3Caller): HeadObjectOutput {
  const bucket = ctx.store.get(input.bucket);
  const action = input.versionId === undefined ? 's3:GetObject' : 's3:GetObjectVersion';
  ctx.authorize(caller, action, bucket, input.key);
  const versions = bucket.objects.get(input.key) ?? [];
  const versioned = bucket.versioning !== 'Unversioned';
  if (input.versionId === undefined) {
    const current = versions[0];
    if (!current || current.deleteMarker) {
      throw Object.assign(s3Errors.noSuchKey(input.key), { deleteMarker: current?.deleteMarker === true });
    }
    return { version: current, versioned };
  }
  const version = versions.find((v) => v.versionId === input.versionId);
  if (!version) throw s3Errors.noSuchVersion(input.versionId);
  // S3 answers 405 for a GET naming a delete marker's version id.
  if (version.deleteMarker)
    throw Object.assign(s3Errors.methodNotAllowed('the version is a delete marker'), { deleteMarker: true });
  return { version, versioned };
}

export const headObjectHandler: OperationHandler = (service, request) => {
  const { version, versioned } = service.headObject(objectVersionInput(request), request.caller);
  return { status: 200, headers: objectHeaders(version, versioned) };
};
