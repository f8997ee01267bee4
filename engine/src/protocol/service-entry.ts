/**
 * What a service hands the edge: the explicit, typed map from a SigV4 signing name to the service
 * behind it (`wiring/service-map.ts` fills it in; nothing is discovered by name). One entry kind per
 * protocol family, plus `raw` for an embedded server that speaks HTTP itself (dynalite). These types
 * live in `protocol/` so that services describe themselves without importing the edge.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonProtocolOptions } from './json-protocol.ts';
import type { CallerIdentity, OperationTable } from './operation.ts';
import type { QueryProtocolOptions } from './query-protocol.ts';
import type { RestRoute } from './rest-json.ts';

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

/** The buffered request a raw entry's `authorizationTarget` reads. */
export interface RawRequestView {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
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
  /** Receives the request untouched, or a replay of its buffered body when it had to be read. */
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
   * Present when the edge must authorize role callers itself. The edge then buffers the body,
   * calls this, and replays the body into `handler`; every target returned must be allowed.
   * Undefined result: the request cannot name an action (the raw service will answer the
   * malformed request itself).
   */
  readonly authorizationTarget?: (
    req: RawRequestView,
  ) => AuthorizationTarget | readonly AuthorizationTarget[] | undefined;
  /**
   * `authorizationTarget` needs only the method, URL and headers: the edge authorizes without
   * reading the body and hands `handler` the live request, so the service can stream a large
   * body (S3 PutObject up to 5 GB) instead of the edge buffering it (`body` is empty in the view).
   */
  readonly streamsBody?: boolean;
  /** Present when the service answers CORS for the requests it claims (see ServiceCors). */
  readonly cors?: ServiceCors;
}

export type ServiceEntry = JsonServiceEntry | QueryServiceEntry | RestJsonServiceEntry | RawServiceEntry;

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
