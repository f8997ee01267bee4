/**
 * What a service hands the edge: the explicit, typed map from a SigV4 signing name to the service
 * behind it (`wiring/service-map.ts` fills it in; nothing is discovered by name). One entry kind per
 * protocol family, plus `json-handler` for a JSON service that writes its own bytes (DynamoDB) and
 * `raw` for an embedded server that speaks HTTP itself (S3). These types
 * live in `protocol/` so that services describe themselves without importing the edge.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonProtocolOptions } from './json-protocol.ts';
import type { CallerIdentity, OperationTable, RequestContext } from './operation.ts';
import type { QueryProtocolOptions } from './query-protocol.ts';
import type { RestRoute } from './rest-json.ts';
import type { WireResponse } from './wire-response.ts';

/** Signing names as they appear in the credential scope (`monitoring` is CloudWatch). */
export type SigningName =
  | 'dynamodb'
  | 'lambda'
  | 'cloudformation'
  | 's3'
  | 'sqs'
  | 'logs'
  | 'monitoring'
  | 'sns'
  | 'events'
  | 'firehose'
  | 'iam'
  | 'sts'
  /** API Gateway's management APIs (v1 and v2 share the signing name). */
  | 'apigateway';

export interface JsonServiceEntry {
  readonly kind: 'json';
  readonly protocol: JsonProtocolOptions;
  /** IAM action prefix, e.g. `logs` -> `logs:PutLogEvents`. */
  readonly iamPrefix: string;
  readonly operations: OperationTable;
  /** Defaults to `ValidationException`. */
  readonly validationCode?: string;
}

export interface QueryServiceEntry {
  readonly kind: 'query';
  readonly protocol: QueryProtocolOptions;
  readonly iamPrefix: string;
  readonly operations: OperationTable;
  /** Defaults to `ValidationError` (CloudFormation, IAM, STS spelling). */
  readonly validationCode?: string;
}

/** Throws AccessDeniedException when the caller may not perform `action` on `resource`. */
export type Gate = (action: string, resource: string) => Promise<void>;

/** A request the edge has read to its end and whose signature it verified. */
export interface BufferedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/**
 * A JSON-protocol service that answers in its own exact bytes (DynamoDB: dynalite's error bodies
 * and `x-amz-crc32`). The edge routes to it by `protocol.targetPrefixes`, reads the body once and
 * verifies the signature; `handle` parses the body, authorizes every IAM target through `gate`
 * and runs the operation. What `handle` throws (the gate's AccessDeniedException, a bug) the edge
 * answers in `protocol`'s error format.
 */
export interface JsonHandlerServiceEntry {
  readonly kind: 'json-handler';
  readonly protocol: JsonProtocolOptions;
  handle(request: BufferedRequest, ctx: RequestContext, gate: Gate): Promise<WireResponse>;
}

export interface RestJsonServiceEntry {
  readonly kind: 'rest-json';
  readonly routes: readonly RestRoute[];
}

/** How the edge itself answers (auth failures, denials) in front of a raw service. */
export type RawErrorFormat =
  | ({ readonly protocol: 'json' } & Pick<JsonProtocolOptions, 'version' | 'errorNamespace'>)
  | ({ readonly protocol: 'query' } & QueryProtocolOptions)
  | { readonly protocol: 'rest-json' }
  | { readonly protocol: 'rest-xml' };

/** What an IAM check is made against. */
export interface AuthorizationTarget {
  readonly action: string;
  readonly resource: string;
}

/** What a raw entry's `authorizationTarget` reads: the request line and headers, never the body. */
export interface RawRequestView {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly region: string;
  readonly accountId: string;
}

/**
 * A service that answers CORS from its own configuration instead of the endpoint's local-origin
 * answer (S3 answers from the bucket's CORS rules). The endpoint's Origin rule still refuses
 * foreign origins before this is asked.
 */
export interface ServiceCors {
  /** True when the request names a resource whose CORS this service answers (S3: a bucket). */
  claims(req: IncomingMessage): boolean;
  /** Answers an OPTIONS request (a preflight) completely. */
  preflight(req: IncomingMessage, res: ServerResponse): void;
  /** Sets the CORS headers of a request from a local Origin on `res`, before any handler runs. */
  decorate(req: IncomingMessage, res: ServerResponse): void;
}

export interface RawServiceEntry {
  readonly kind: 'raw';
  /** Receives the live request, its body unread (S3 streams objects up to 5 GB). */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  readonly errorFormat: RawErrorFormat;
  /** `X-Amz-Target` prefixes that route an unsigned request here. */
  readonly targetPrefixes?: readonly string[];
  /**
   * Receives what nothing else claims (no usable credential scope, no known target or route),
   * the way S3 takes any path. At most one entry should set it.
   */
  readonly catchAll?: boolean;
  /** Unsigned requests reach `handler` untouched (public S3 objects) instead of being refused. */
  readonly allowAnonymous?: boolean;
  /**
   * Present when the edge must authorize role callers itself, from the method, URL and headers
   * (the body stays unread for `handler`); every target returned must be allowed. Undefined
   * result: the request cannot name an action (the raw service answers the malformed request).
   */
  readonly authorizationTarget?: (
    req: RawRequestView,
  ) => AuthorizationTarget | readonly AuthorizationTarget[] | undefined;
  /** Present when the service answers CORS for the requests it claims (see ServiceCors). */
  readonly cors?: ServiceCors;
}

export type ServiceEntry =
  | JsonServiceEntry
  | JsonHandlerServiceEntry
  | QueryServiceEntry
  | RestJsonServiceEntry
  | RawServiceEntry;

export type ServiceMap = { readonly [name in SigningName]?: ServiceEntry };

export type AuthorizationDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly message: string };

/** The IAM check for role callers; root callers are never checked. */
export type AuthorizeFn = (
  caller: CallerIdentity,
  action: string,
  resourceArn: string,
) => AuthorizationDecision | Promise<AuthorizationDecision>;
