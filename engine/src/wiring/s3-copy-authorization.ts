import type { AuthorizationTarget } from '../protocol/index.ts';
import { parseCopySource } from '../services/s3/operations/copy-object.ts';

/**
 * CopyObject needs s3:GetObject (s3:GetObjectVersion for a version) on the source and
 * s3:PutObject on the destination.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 */
export function s3CopyTargets(bucket: string, key: string, copySource: string): AuthorizationTarget[] {
  const put = { action: 's3:PutObject', resource: `arn:aws:s3:::${bucket}/${key}` };
  const source = parseCopySource(copySource);
  // A malformed source is refused by the S3 handler itself (InvalidArgument).
  if (!source) return [put];
  const read = source.versionId === undefined ? 's3:GetObject' : 's3:GetObjectVersion';
  return [{ action: read, resource: `arn:aws:s3:::${source.bucket}/${source.key}` }, put];
}
