import { crc32 } from 'node:zlib';
import { s3Errors } from '../errors.ts';

/**
 * Decodes an `aws-chunked` request body: `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` repeated,
 * a zero-size chunk, then optional trailer lines (`x-amz-checksum-crc32:…`) and a blank line.
 * SDK v3 and recent CLIs send this by default (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
 */
export interface DecodedChunks {
  readonly data: Buffer;
  /** Trailer headers, names lower-cased (`x-amz-checksum-crc32` → base64 value). */
  readonly trailers: Readonly<Record<string, string>>;
}

export function decodeAwsChunked(body: Buffer): DecodedChunks {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) throw s3Errors.invalidRequest('aws-chunked body ends inside a chunk header');
    const header = body.subarray(offset, lineEnd).toString('latin1');
    const sizeText = header.split(';', 1)[0] ?? '';
    if (!/^[0-9a-fA-F]+$/.test(sizeText))
      throw s3Errors.invalidRequest(`invalid aws-chunked chunk size '${header}'`);
    const size = Number.parseInt(sizeText, 16);
    offset = lineEnd + 2;
    if (size === 0) break;
    if (offset + size + 2 > body.length)
      throw s3Errors.invalidRequest('aws-chunked body ends inside a chunk');
    parts.push(body.subarray(offset, offset + size));
    offset += size;
    if (body.toString('latin1', offset, offset + 2) !== '\r\n') {
      throw s3Errors.invalidRequest('aws-chunked chunk is not followed by CRLF');
    }
    offset += 2;
  }
  return { data: Buffer.concat(parts), trailers: parseTrailers(body.subarray(offset).toString('latin1')) };
}

function parseTrailers(text: string): Record<string, string> {
  const trailers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw s3Errors.invalidRequest(`malformed aws-chunked trailer '${line}'`);
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return trailers;
}

/**
 * Checks a CRC32 checksum (header or trailer) against the payload. Other algorithms (CRC32C,
 * CRC64NVME, SHA*) are accepted unchecked: Node has no built-in for the CRC variants.
 */
export function verifyChecksums(data: Buffer, checksums: Readonly<Record<string, string>>): void {
  const expected = checksums['x-amz-checksum-crc32'];
  if (expected === undefined) return;
  const actual = Buffer.alloc(4);
  actual.writeUInt32BE(crc32(data) >>> 0);
  if (actual.toString('base64') !== expected) throw s3Errors.badDigest();
}
