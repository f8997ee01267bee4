/**
 * Headers an HTTP API adds to the request before it reaches the function, as in AWS's own captured
 * event (aws/aws-lambda-go events/testdata/apigw-v2-request-no-authorizer.json; AWS-FACTS.md):
 * `content-length` (always, `0` without a body), `x-amzn-trace-id` (`Root=1-<8 hex epoch
 * seconds>-<24 hex>`, the client's own kept), `x-forwarded-for` (the client's chain, then the
 * source ip), `x-forwarded-port` and `x-forwarded-proto` (the local listener's: `http` and its
 * port, so URLs a function builds from them work locally; AWS sends `443`/`https`).
 */
import { pooledRandom } from '../../runtime/random-pool.ts';

export interface ForwardedFacts {
  readonly bodyLength: number;
  readonly sourceIp: string;
  readonly localPort: number;
  readonly scheme: 'http' | 'https';
  readonly timeEpoch: number;
  readonly traceRandom: string;
}

export const traceRandom = (): string => pooledRandom(12).toString('hex');

export const traceId = (timeEpoch: number, random: string): string =>
  `Root=1-${Math.floor(timeEpoch / 1000)
    .toString(16)
    .padStart(8, '0')}-${random}`;

/** `headers` with the gateway's own added or rewritten (names are lower-case, as joinHeaders leaves them). */
export const withForwardedHeaders = (
  headers: Readonly<Record<string, string>>,
  facts: ForwardedFacts,
): Record<string, string> => {
  const result: Record<string, string> = { ...headers };
  // The body the function gets is complete, so its length replaces any chunked framing.
  delete result['transfer-encoding'];
  result['content-length'] = String(facts.bodyLength);
  result['x-amzn-trace-id'] = headers['x-amzn-trace-id'] ?? traceId(facts.timeEpoch, facts.traceRandom);
  const chain = headers['x-forwarded-for'];
  result['x-forwarded-for'] = chain ? `${chain}, ${facts.sourceIp}` : facts.sourceIp;
  result['x-forwarded-port'] = String(facts.localPort);
  result['x-forwarded-proto'] = facts.scheme;
  return result;
};
