import { randomBytes, randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random lowercase alphanumeric id: AWS uses 10 characters for API ids and 7 for routes/integrations. */
export const randomId = (length: number): string => {
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
};

/**
 * A request id shaped like HTTP API's (`JKJaXmPLvHcESHA=`): 11 random bytes in base64, 16 characters.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export const requestId = (): string => pooledRandom(11).toString('base64');

/**
 * Random bytes drawn from a 4 KiB block refilled from the CSPRNG: one `randomBytes` call (a trip
 * into OpenSSL, with its fork check) per ~370 request ids instead of one per request.
 */
let pool = Buffer.alloc(0);
let offset = 0;
const pooledRandom = (size: number): Buffer => {
  if (offset + size > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += size;
  return pool.subarray(offset - size, offset);
};
