import { requestUrl } from '../../net/request-url.ts';
import type { AuthorizationTarget, RawRequestView } from '../../protocol/service-entry.ts';
import { parseCopySource } from './operations/copy-object.ts';

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

/** A key with broken percent-encoding stays raw here: the S3 handler answers it with a 400, not a 500. */
function decodeKey(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** S3 REST: the IAM action and resource a path-style request names (for role callers). */
export function s3AuthorizationTarget(req: RawRequestView): AuthorizationTarget | AuthorizationTarget[] {
  const url = requestUrl(req.url);
  const [bucket = '', ...rest] = url.pathname.replace(/^\//, '').split('/');
  const key = decodeKey(rest.join('/'));
  if (!bucket) return { action: 's3:ListAllMyBuckets', resource: '*' };
  const method = req.method.toUpperCase();
  if (!key) {
    const action =
      method === 'GET'
        ? 's3:ListBucket'
        : method === 'PUT'
          ? 's3:CreateBucket'
          : method === 'DELETE'
            ? 's3:DeleteBucket'
            : 's3:ListBucket';
    return { action, resource: `arn:aws:s3:::${bucket}` };
  }
  const copySource = req.headers['x-amz-copy-source'];
  if (method === 'PUT' && typeof copySource === 'string') return s3CopyTargets(bucket, key, copySource);
  const action =
    method === 'PUT' || method === 'POST'
      ? 's3:PutObject'
      : method === 'DELETE'
        ? 's3:DeleteObject'
        : 's3:GetObject';
  return { action, resource: `arn:aws:s3:::${bucket}/${key}` };
}
