import type { IncomingMessage } from 'node:http';
import { s3Errors } from '../errors.ts';
import { decodeAwsChunked, verifyChecksums } from './aws-chunked.ts';

/**
 * Reads a request body, undoing `aws-chunked` framing (signed or unsigned, with trailers) and
 * checking CRC32 checksums and the decoded length the client declared.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
export async function readRequestBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const header = (name: string): string | undefined => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  if (!isAwsChunked(req)) {
    verifyChecksums(raw, checksumHeaders(req));
    return raw;
  }
  const decoded = decodeAwsChunked(raw);
  const declared = header('x-amz-decoded-content-length');
  if (declared !== undefined && Number(declared) !== decoded.data.length) {
    throw s3Errors.incompleteBody(Number(declared), decoded.data.length);
  }
  verifyChecksums(decoded.data, { ...checksumHeaders(req), ...decoded.trailers });
  return decoded.data;
}

function checksumHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith('x-amz-checksum-') && typeof value === 'string') out[name] = value;
  }
  return out;
}

/** Whether the body carries `aws-chunked` framing (SigV4 streaming or trailing checksums). */
export function isAwsChunked(req: IncomingMessage): boolean {
  const value = (name: string): string => {
    const v = req.headers[name];
    return (Array.isArray(v) ? v.join(',') : v) ?? '';
  };
  return (
    value('x-amz-content-sha256').startsWith('STREAMING-') ||
    value('content-encoding')
      .split(',')
      .some((e) => e.trim() === 'aws-chunked')
  );
}
