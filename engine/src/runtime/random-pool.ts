import { randomBytes } from 'node:crypto';

/**
 * Random bytes drawn from a 4 KiB block refilled from the CSPRNG: one `randomBytes` call (a trip
 * into OpenSSL, with its fork check) per many request ids instead of one per request. The block is
 * only entropy, never engine state, so sharing it across engines in one process is harmless.
 */
let pool = Buffer.alloc(0);
let offset = 0;

export function pooledRandom(size: number): Buffer {
  if (offset + size > pool.length) {
    pool = randomBytes(Math.max(4096, size));
    offset = 0;
  }
  offset += size;
  return pool.subarray(offset - size, offset);
}
