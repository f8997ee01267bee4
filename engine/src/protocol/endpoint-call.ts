/**
 * An AWS API call handed to the local cloud's endpoint without a socket: what its HTTP request
 * would carry, already read to its end. Lambda host workers use it for their functions' SDK calls
 * (services/lambda/host/sdk-channel.ts); the endpoint answers it exactly as it answers the HTTP
 * request: signature verified, caller authorized, the service's own wire format.
 */
import type { WireResponse } from './wire-response.ts';

export interface EndpointCall {
  readonly method: string;
  /** Path and query string, as on an HTTP request line. */
  readonly url: string;
  /** Lower-case names, as a server reads them off the wire. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

/**
 * Answers a call as the endpoint answers its HTTP request; `undefined` when only HTTP can carry it
 * (a service that speaks HTTP itself, such as S3, or a path the console serves): send it over HTTP.
 */
export type EndpointChannel = (call: EndpointCall) => Promise<WireResponse | undefined>;
