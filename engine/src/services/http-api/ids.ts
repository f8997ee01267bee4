import { randomInt } from 'node:crypto';
import { pooledRandom } from '../../runtime/random-pool.ts';

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
