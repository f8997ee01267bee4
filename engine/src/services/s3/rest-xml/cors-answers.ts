import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceCors } from '../../../protocol/service-entry.ts';
import { type CorsRequest, corsAnswerHeaders, matchCorsRule } from '../cors-rules.ts';
import type { S3Service } from '../service.ts';
import { parseTarget, type S3Target } from './request-target.ts';
import { escapeXml } from './xml.ts';

/**
 * CORS on S3 requests, answered from the bucket's CORS rules as S3 answers them (sources in
 * ../AWS-FACTS.md):
 * - OPTIONS without Origin: 400 BadRequest "Insufficient information. Origin request header needed."
 * - a preflight for a bucket that does not exist, or has no CORS configuration, or whose rules the
 *   origin / method / requested headers do not match: 403 AccessForbidden with a `CORSResponse: …`
 *   message, the method and the resource type;
 * - a matching preflight: 200 with the rule's Access-Control-* headers and no body;
 * - an actual request from an Origin gets the matching rule's headers, and none when no rule matches.
 * The endpoint refuses foreign origins before any of this runs.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTOPTIONSobject.html
 */
export interface S3CorsOptions {
  /** Host suffixes of virtual-hosted-style requests; the same as the S3 handler's. */
  readonly virtualHostSuffixes?: readonly string[];
}

const NOT_ALLOWED =
  "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";

const headerText = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

export function createS3Cors(service: S3Service, options: S3CorsOptions = {}): ServiceCors {
  const suffixes = options.virtualHostSuffixes ?? ['.s3.localhost'];
  const targetOf = (req: IncomingMessage): S3Target | undefined => {
    try {
      return parseTarget(req.url ?? '/', req.headers.host, suffixes);
    } catch {
      return undefined;
    }
  };
  const corsRequest = (req: IncomingMessage, origin: string): CorsRequest => {
    const requestHeaders = headerText(req, 'access-control-request-headers');
    return {
      origin,
      method: headerText(req, 'access-control-request-method') ?? (req.method ?? 'GET').toUpperCase(),
      ...(requestHeaders === undefined ? {} : { requestHeaders }),
    };
  };
  return {
    claims: (req) => targetOf(req)?.bucket !== undefined,
    preflight(req, res) {
      const requestId = randomBytes(8).toString('hex').toUpperCase();
      const target = targetOf(req);
      const origin = headerText(req, 'origin');
      const method = headerText(req, 'access-control-request-method') ?? 'OPTIONS';
      const refuse = (status: number, code: string, message: string, details: string) =>
        writeAnswer(
          res,
          requestId,
          status,
          { 'content-type': 'application/xml' },
          errorXml(code, message, details, requestId),
        );
      if (origin === undefined)
        return refuse(400, 'BadRequest', 'Insufficient information. Origin request header needed.', '');
      const bucket = target?.bucket ?? '';
      const cors = service.corsOfBucket(bucket);
      const resourceType = target?.key === undefined ? 'BUCKET' : 'OBJECT';
      const forbidden = (message: string, type: string) =>
        refuse(
          403,
          'AccessForbidden',
          message,
          `<Method>${escapeXml(method)}</Method><ResourceType>${type}</ResourceType>`,
        );
      if (!cors.exists) return forbidden('CORSResponse: Bucket not found', 'BUCKET');
      if (!cors.rules) return forbidden('CORSResponse: CORS is not enabled for this bucket.', 'BUCKET');
      const request = corsRequest(req, origin);
      const rule = matchCorsRule(cors.rules, request);
      if (!rule) return forbidden(NOT_ALLOWED, resourceType);
      writeAnswer(res, requestId, 200, corsAnswerHeaders(rule, request), undefined);
    },
    decorate(req, res) {
      const origin = headerText(req, 'origin');
      const bucket = targetOf(req)?.bucket;
      if (origin === undefined || bucket === undefined) return;
      const rules = service.corsOfBucket(bucket).rules;
      const request = corsRequest(req, origin);
      const rule = rules ? matchCorsRule(rules, request) : undefined;
      if (!rule) return;
      for (const [name, value] of Object.entries(corsAnswerHeaders(rule, request)))
        res.setHeader(name, value);
    },
  };
}

const errorXml = (code: string, message: string, details: string, requestId: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${details}` +
  `<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;

function writeAnswer(
  res: ServerResponse,
  requestId: string,
  status: number,
  headers: Record<string, string>,
  body: string | undefined,
): void {
  if (res.headersSent || res.writableEnded) return;
  const bytes = Buffer.from(body ?? '', 'utf8');
  res.writeHead(status, {
    'x-amz-request-id': requestId,
    'x-amz-id-2': requestId,
    server: 'TapStack',
    ...headers,
    'content-length': String(bytes.length),
  });
  res.end(bytes);
}
