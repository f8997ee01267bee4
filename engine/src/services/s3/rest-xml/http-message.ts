import type { IncomingHttpHeaders } from 'node:http';
import type { S3Caller } from '../policy.ts';
import type { S3Service } from '../service.ts';
import type { StagedBody } from './stream-body.ts';

/** A REST request after routing and body decoding; handlers never touch Node's HTTP objects. */
export interface S3HttpRequest {
  readonly bucket: string;
  readonly key: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** A PutObject body streamed to disk instead of `body` (stream-body.ts). */
  readonly staged?: StagedBody;
  readonly caller: S3Caller;
}

export interface S3HttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export type OperationHandler = (service: S3Service, request: S3HttpRequest) => S3HttpResponse;

export const header = (request: S3HttpRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

export const xmlResponse = (body: string, status = 200): S3HttpResponse => ({
  status,
  headers: { 'content-type': 'application/xml' },
  body,
});

/** `url` encoding of listing values when the client asked for `encoding-type=url`. */
export const listEncoder = (request: S3HttpRequest): ((value: string | undefined) => string | undefined) =>
  request.query.get('encoding-type') === 'url'
    ? (value) => (value === undefined ? undefined : encodeURIComponent(value).replace(/%2F/g, '/'))
    : (value) => value;

export const isoDate = (ms: number): string => new Date(ms).toISOString();

/** The request body as UTF-8 text (XML and JSON documents). */
export const bodyText = (request: S3HttpRequest): string => request.body.toString('utf8');
