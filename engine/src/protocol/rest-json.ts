/**
 * restJson1 (Lambda): operations are (method, path template) routes declared as data, like
 * moto's `urls.py`. https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 */
import { AwsError } from '../runtime/aws-error.ts';
import { CORAL_CODES, spellFor } from './error-spelling.ts';
import type { RequestContext } from './operation.ts';
import type { WireResponse } from './wire-response.ts';
import { escapeXml } from './xml.ts';

export interface RestRequest {
  readonly method: string;
  /** Decoded path labels, e.g. `{ FunctionName: 'my-fn' }`. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface RestRoute {
  readonly method: string;
  /** Template with `{Label}` (one segment) or `{Label+}` (the rest), e.g. `/2015-03-31/functions/{FunctionName}`. */
  readonly path: string;
  readonly operation: string;
  /** The IAM action the route needs, e.g. `lambda:InvokeFunction`. */
  readonly iamAction: string;
  /** The ARN the IAM check is made against; `*` when absent. */
  readonly resource?: (req: RestRequest, ctx: RequestContext) => string;
  readonly handle: (req: RestRequest, ctx: RequestContext) => Promise<WireResponse>;
}

const segmentsOf = (path: string): string[] => path.split('/').filter((s) => s !== '');

const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

/** Finds the first route whose method and template match; trailing slashes do not matter. */
export function matchRoute(
  routes: readonly RestRoute[],
  method: string,
  rawPath: string,
): { route: RestRoute; params: Record<string, string> } | undefined {
  const actual = segmentsOf(rawPath);
  for (const route of routes) {
    if (route.method !== method.toUpperCase()) continue;
    const params = matchTemplate(segmentsOf(route.path), actual);
    if (params) return { route, params };
  }
  return undefined;
}

function matchTemplate(
  template: readonly string[],
  actual: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const part = template[i] ?? '';
    const label = /^\{(\w+)(\+?)\}$/.exec(part);
    if (label?.[2] === '+') {
      const rest = actual.slice(i).map(decodeSegment);
      if (rest.length === 0 || rest.some((s) => s === undefined)) return undefined;
      params[label[1] ?? ''] = rest.join('/');
      return params;
    }
    const segment = actual[i];
    if (segment === undefined) return undefined;
    if (label) {
      const decoded = decodeSegment(segment);
      if (decoded === undefined || decoded === '') return undefined;
      params[label[1] ?? ''] = decoded;
    } else if (segment !== part) return undefined;
  }
  return actual.length === template.length ? params : undefined;
}

/** A JSON response with the request id header. */
export function restJsonResponse(status: number, body: unknown, requestId: string): WireResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** `{"Type":"User","Message":"..."}` with `x-amzn-ErrorType`, as Lambda answers (see AWS-FACTS.md). */
export function restJsonError(error: AwsError, requestId: string): WireResponse {
  const spelled = spellFor('rest-json', error);
  return {
    status: spelled.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': spelled.code,
    },
    // Service errors carry Type/Message; request-framework errors (signature, token) only `message`.
    body: JSON.stringify(
      CORAL_CODES.has(spelled.code)
        ? { message: spelled.message }
        : { Type: spelled.senderFault ? 'User' : 'Service', Message: spelled.message },
    ),
  };
}

/** S3-style `<Error>` for errors the edge raises on a REST-XML service. */
export function restXmlError(error: AwsError, requestId: string): WireResponse {
  const spelled = spellFor('rest-xml', error);
  return {
    status: spelled.status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(spelled.code)}</Code><Message>${escapeXml(spelled.message)}</Message><RequestId>${requestId}</RequestId></Error>`,
  };
}

/** Thrown for a path no route matches. */
export const unknownRoute = (method: string, path: string, routes: readonly RestRoute[]): AwsError =>
  new AwsError(
    'UnknownOperationException',
    `No operation matches ${method} ${path}; supported: ${routes.map((r) => `${r.operation} (${r.method} ${r.path})`).join(', ')}`,
    404,
  );
