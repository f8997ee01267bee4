/**
 * A single PutObject body streamed to a file instead of held in memory: S3 takes single PUTs up to
 * 5 GB and answers EntityTooLarge only above (AWS-FACTS.md). MD5 (the ETag) and CRC32 (for an
 * `x-amz-checksum-crc32` header) are computed on the way; the file is adopted by the store once
 * the object is written, or removed by the caller when the put fails.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { s3Errors } from '../errors.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html ("up to 5 GB" in one PUT). */
export const MAX_SINGLE_PUT_BYTES = 5 * 1024 ** 3;

export interface StagedBody {
  /** Absolute path of the staged file. */
  readonly path: string;
  readonly size: number;
  readonly md5: Buffer;
}

export async function stageBody(
  req: IncomingMessage,
  dir: string,
  limit = MAX_SINGLE_PUT_BYTES,
): Promise<StagedBody> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw s3Errors.entityTooLarge(declared, limit);
  const path = join(dir, randomUUID());
  const md5 = createHash('md5');
  let crc = 0;
  let size = 0;
  try {
    await pipeline(
      req,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > limit) throw s3Errors.entityTooLarge(size, limit);
          md5.update(chunk);
          crc = crc32(chunk, crc);
          yield chunk;
        }
      },
      createWriteStream(path, { mode: 0o600 }),
    );
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
  verifyStagedChecksum(req, crc);
  return { path, size, md5: md5.digest() };
}

function verifyStagedChecksum(req: IncomingMessage, crc: number): void {
  const expected = req.headers['x-amz-checksum-crc32'];
  if (typeof expected !== 'string') return;
  const actual = Buffer.alloc(4);
  actual.writeUInt32BE(crc >>> 0);
  if (actual.toString('base64') !== expected) throw s3Errors.badDigest();
}
