/**
 * Expiry of a presigned (query-string) SigV4 request: `X-Amz-Date` plus `X-Amz-Expires` seconds,
 * at most 7 days. Compared with the wall clock, which is what the presigner used.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html
 */
import { AwsError } from '../runtime/aws-error.ts';

export const MAX_PRESIGN_SECONDS = 604_800;

const parseAmzDate = (text: string): number =>
  Date.UTC(
    Number(text.slice(0, 4)),
    Number(text.slice(4, 6)) - 1,
    Number(text.slice(6, 8)),
    Number(text.slice(9, 11)),
    Number(text.slice(11, 13)),
    Number(text.slice(13, 15)),
  );

/** Throws AccessDenied (403) "Request has expired" past the URL's lifetime, 400 for a bad `X-Amz-Expires`. */
export function checkPresignedExpiry(query: URLSearchParams, nowMs: number): void {
  const amzDate = query.get('X-Amz-Date') ?? '';
  const expiresText = query.get('X-Amz-Expires');
  if (expiresText === null) return;
  if (!/^\d{1,9}$/.test(expiresText))
    throw new AwsError(
      'AuthorizationQueryParametersError',
      `X-Amz-Expires should be a number, not '${expiresText.slice(0, 32)}'`,
      400,
    );
  const seconds = Number(expiresText);
  if (seconds > MAX_PRESIGN_SECONDS)
    throw new AwsError(
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds) that is; 604800',
      400,
    );
  const signedAt = parseAmzDate(amzDate);
  if (!Number.isFinite(signedAt)) return;
  const expiresAt = signedAt + seconds * 1000;
  if (nowMs > expiresAt)
    throw new AwsError(
      'AccessDenied',
      `Request has expired (X-Amz-Expires ${seconds}, expired at ${new Date(expiresAt).toISOString()}, server time ${new Date(nowMs).toISOString()})`,
      403,
    );
}
