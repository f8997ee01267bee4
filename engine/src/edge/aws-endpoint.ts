/**
 * The local cloud's single AWS endpoint (default 127.0.0.1:4566): AWS SDK v3 clients and the AWS
 * CLI reach every service through it with `--endpoint-url`. A request is routed by its SigV4
 * signing name, its signature is checked when the key's secret is known, role callers are
 * authorized, and the operation it is dispatched to answers in the service's wire protocol.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 *
 * LIMITATIONS: HTTP only; no SigV4a, no chunked (`aws-chunked`) payload signing; a raw entry
 * (S3) gets its body untouched, so its signature is verified only when the client sent
 * `x-amz-content-sha256`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { refuseForeignHost } from '../net/foreign-host.ts';
import { HostPolicy } from '../net/host-allowlist.ts';
import { guardedServerOptions, guardServer, type ListenerLimits } from '../net/listener-guard.ts';
import type { EndpointCall } from '../protocol/endpoint-call.ts';
import type { CallerIdentity, RequestContext } from '../protocol/operation.ts';
import { checkPresignedExpiry } from '../protocol/presign-expiry.ts';
import { parseQueryParams } from '../protocol/query-protocol.ts';
import type {
  AuthorizeFn,
  RawServiceEntry,
  ServiceCors,
  ServiceEntry,
  ServiceMap,
} from '../protocol/service-entry.ts';
import { parseSigV4, SigningKeyCache, type SigV4Credential, verifySignature } from '../protocol/sigv4.ts';
import type { WireResponse } from '../protocol/wire-response.ts';
import { type AccountContext, DEFAULT_ACCOUNT } from '../runtime/account.ts';
import { AwsError, isAwsError } from '../runtime/aws-error.ts';
import {
  type DispatchRequest,
  dispatchJson,
  dispatchQuery,
  dispatchRestJson,
  errorFor,
  type Gate,
} from './dispatch.ts';
import { applyOriginRule } from './front-door.ts';
import { authorizeRaw, bodyTooLarge, drain, headerOf, readBody, writeResponse } from './http-io.ts';
import { rootIdentity } from './identity.ts';
import { resolveService } from './resolve-service.ts';
import { serviceCorsFor } from './service-cors.ts';

export interface AwsEndpointOptions {
  /** Defaults to 127.0.0.1. */
  readonly host?: string;
  /** 4566 by convention; 0 picks a free port (tests). */
  readonly port: number;
  readonly services: ServiceMap;
  /** IAM check for role callers; absent means every request is allowed. */
  readonly authorize?: AuthorizeFn;
  /** Who owns an access key; defaults to the account root for every key. */
  readonly identify?: (accessKeyId: string) => CallerIdentity;
  /** The secret of keys the engine issued; signatures of other keys are not checked. */
  readonly secretFor?: (accessKeyId: string) => string | undefined;
  readonly account?: AccountContext;
  /** Largest body the edge buffers; defaults to 20 MiB. */
  readonly maxBodyBytes?: number;
  /** Called with failures that are not AwsErrors (bugs), after a 500 went to the client. */
  readonly onInternalError?: (error: unknown, requestId: string) => void;
  /** Host allowlist and local origins; default: loopback names and `host`. */
  readonly hostPolicy?: HostPolicy;
  /** Timeouts and connection cap (see net/listener-guard.ts). */
  readonly limits?: ListenerLimits;
  /** Listener problems (EMFILE on accept, connection cap reached); default stderr. */
  readonly onWarning?: (message: string) => void;
  /** Wall clock for presigned-URL expiry; default Date.now. */
  readonly now?: () => number;
}

export type MountedHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export class AwsEndpoint {
  private server: Server | undefined;
  private readonly account: AccountContext;
  private readonly maxBody: number;
  private readonly signingKeys = new SigningKeyCache();
  private readonly hosts: HostPolicy;
  /** Plain HTTP handlers under a path prefix (the console), answered before any AWS routing. */
  private readonly mounts: Array<{ prefix: string; handler: MountedHandler }> = [];

  constructor(private readonly options: AwsEndpointOptions) {
    this.account = options.account ?? DEFAULT_ACCOUNT;
    this.maxBody = options.maxBodyBytes ?? 20 * 1024 * 1024;
    this.hosts = options.hostPolicy ?? new HostPolicy({ listenHost: options.host ?? '127.0.0.1' });
  }

  /** Serves `prefix` (and everything under `prefix/`) with `handler` instead of an AWS service. */
  mount(prefix: string, handler: MountedHandler): void {
    this.mounts.push({ prefix, handler });
  }

  private mountFor(path: string): MountedHandler | undefined {
    return this.mounts.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`))?.handler;
  }

  /** The service answering this request's CORS itself (S3 for a bucket), unless a mount serves the path. */
  private ownCors(req: IncomingMessage): ServiceCors | undefined {
    const { path } = splitUrl(req.url ?? '/');
    if (this.mountFor(path)) return undefined;
    return serviceCorsFor(this.options.services, req, path);
  }

  /** Starts listening; resolves with the URL to give SDKs as `endpoint`. */
  async start(): Promise<{ url: string }> {
    if (this.server) throw new Error('AwsEndpoint already started');
    const server = createServer(guardedServerOptions(this.options.limits), (req, res) => {
      if (refuseForeignHost(req, res, this.hosts) || applyOriginRule(req, res, this.hosts, this.ownCors(req)))
        return;
      this.handle(req, res).catch((error: unknown) => this.fail(req, res, undefined, error, randomUUID()));
    });
    guardServer(server, 'AWS endpoint', this.options.limits, this.options.onWarning);
    this.server = server;
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` };
  }

  /** Stops accepting requests and closes idle keep-alive connections. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const { path, rawQuery } = splitUrl(url);
    const routed = this.route(method, path, rawQuery, req.headers, requestId);
    if (routed.kind === 'mounted') return routed.handler(req, res);
    if (routed.kind === 'anonymous') return routed.entry.handler(req, res);
    if (routed.kind === 'refused') {
      const byAction = routed.byAction ? await this.queryEntryByAction(req, rawQuery) : undefined;
      await drain(req, this.maxBody);
      return writeResponse(req, res, errorFor(byAction ?? routed.entry, routed.error, requestId));
    }
    const { entry, credential, ctx, gate } = routed;
    try {
      if (entry.kind === 'raw') {
        this.verify(credential, method, url, req.headers, undefined);
        await authorizeRaw(entry, req, ctx, gate);
        entry.handler(req, res);
        return;
      }
      const body = await readBody(req, this.maxBody);
      const wire = await this.serve(entry, credential, ctx, gate, {
        method,
        url,
        path,
        rawQuery,
        headers: req.headers,
        body,
      });
      writeResponse(req, res, wire);
    } catch (error) {
      await drain(req, this.maxBody);
      this.fail(req, res, entry, error, requestId);
    }
  }

  /**
   * Answers a call that arrived without a socket (a function's SDK call through its Lambda host)
   * exactly as its HTTP request would be answered; `undefined` for what only HTTP can carry (a
   * mount, a raw service such as S3), which the caller then sends over HTTP. Never throws.
   */
  async answer(call: EndpointCall): Promise<WireResponse | undefined> {
    const requestId = randomUUID();
    const { path, rawQuery } = splitUrl(call.url);
    // The call's bytes were copied to this thread with the message: wrapped, not copied again.
    const body =
      typeof call.body === 'string'
        ? Buffer.from(call.body, 'utf8')
        : Buffer.from(call.body.buffer, call.body.byteOffset, call.body.byteLength);
    const routed = this.route(call.method, path, rawQuery, call.headers, requestId);
    if (routed.kind === 'mounted' || routed.kind === 'anonymous') return undefined;
    if (routed.kind === 'refused') {
      const byAction = routed.byAction
        ? this.entryByAction(call.headers['content-type'], body, rawQuery)
        : undefined;
      return errorFor(byAction ?? routed.entry, routed.error, requestId);
    }
    const { entry, credential, ctx, gate } = routed;
    if (entry.kind === 'raw') return undefined;
    try {
      if (body.length > this.maxBody) throw bodyTooLarge(this.maxBody);
      const request = { method: call.method, url: call.url, path, rawQuery, headers: call.headers, body };
      return await this.serve(entry, credential, ctx, gate, request);
    } catch (error) {
      this.report(error, requestId);
      return errorFor(entry, error, requestId);
    }
  }

  /**
   * Where a request goes, from its method, path and headers alone (no body read yet): a mount, a
   * raw service taking it unsigned, a refusal (no such service, no valid credential, an expired
   * presigned URL), or a service with the caller's context.
   */
  private route(
    method: string,
    path: string,
    rawQuery: string,
    headers: IncomingMessage['headers'],
    requestId: string,
  ): Routed {
    const mounted = this.mountFor(path);
    if (mounted) return { kind: 'mounted', handler: mounted };

    let credential: SigV4Credential | undefined;
    let authError: unknown;
    try {
      credential = parseSigV4(headers, new URLSearchParams(rawQuery));
    } catch (error) {
      authError = error;
    }
    const resolved = resolveService(
      this.options.services,
      credential?.service,
      headerOf({ headers }, 'x-amz-target'),
      method,
      path,
    );
    if (!resolved) {
      const error = authError ?? this.unknownService(credential?.service ?? '');
      // An unsigned awsQuery form names its service only by the `Action` in its body.
      return { kind: 'refused', entry: undefined, error, byAction: !credential };
    }
    const entry = resolved.entry;
    if (!credential) {
      const missing = isAwsError(authError) && authError.code === 'MissingAuthenticationTokenException';
      if (entry.kind === 'raw' && entry.allowAnonymous && missing) return { kind: 'anonymous', entry };
      // The catch-all (S3) took it by default; an unsigned awsQuery form still gets its own XML.
      const byAction = entry.kind === 'raw' && entry.catchAll === true;
      return { kind: 'refused', entry, error: authError, byAction };
    }
    if (credential.presigned) {
      try {
        checkPresignedExpiry(new URLSearchParams(rawQuery), (this.options.now ?? Date.now)());
      } catch (error) {
        return { kind: 'refused', entry, error, byAction: false };
      }
    }
    const caller = (this.options.identify ?? rootIdentity)(credential.accessKeyId);
    const ctx: RequestContext = {
      requestId,
      region: credential.region,
      accountId: this.account.accountId,
      caller,
    };
    return { kind: 'served', entry, credential, ctx, gate: this.gateFor(caller) };
  }

  /** Verifies a buffered request's signature and runs it against its (json, query, rest-json) entry. */
  private async serve(
    entry: BufferedEntry,
    credential: SigV4Credential,
    ctx: RequestContext,
    gate: Gate,
    request: DispatchRequest & { readonly url: string },
  ): Promise<WireResponse> {
    const { method, url, headers, body } = request;
    this.verify(credential, method, url, headers, body);
    if (entry.kind === 'json-handler') return entry.handle({ method, url, headers, body }, ctx, gate);
    if (entry.kind === 'json') return dispatchJson(entry, request, ctx, gate);
    if (entry.kind === 'query') return dispatchQuery(entry, request, ctx, gate);
    return dispatchRestJson(entry, request, ctx, gate);
  }

  /**
   * An unsigned awsQuery request names no service outside its body; its `Action` finds the query
   * service whose table has it, so the auth error is answered in that service's XML.
   */
  private async queryEntryByAction(
    req: IncomingMessage,
    rawQuery: string,
  ): Promise<ServiceEntry | undefined> {
    const contentType = headerOf(req, 'content-type');
    if (!isForm(contentType)) return undefined;
    const body = await readBody(req, 64 * 1024).catch(() => undefined);
    return body && this.entryByAction(contentType, body, rawQuery);
  }

  private entryByAction(
    contentType: string | undefined,
    body: Buffer,
    rawQuery: string,
  ): ServiceEntry | undefined {
    if (!isForm(contentType)) return undefined;
    let action: string | undefined;
    try {
      action = parseQueryParams(body.toString('utf8'), rawQuery).get('Action');
    } catch {
      return undefined;
    }
    return Object.values(this.options.services).find(
      (entry) => entry?.kind === 'query' && action !== undefined && Object.hasOwn(entry.operations, action),
    );
  }

  private verify(
    credential: SigV4Credential,
    method: string,
    url: string,
    headers: IncomingMessage['headers'],
    body: Buffer | undefined,
  ): void {
    const secret = this.options.secretFor?.(credential.accessKeyId);
    if (secret === undefined) return;
    // A presigned URL never covers the payload, so it can be verified before the body is read.
    if (body === undefined && !credential.presigned && headers['x-amz-content-sha256'] === undefined) return;
    verifySignature(credential, secret, { method, url, headers, body }, this.signingKeys);
  }

  private gateFor(caller: CallerIdentity): Gate {
    const authorize = this.options.authorize;
    if (caller.kind !== 'role' || !authorize) return async () => {};
    return async (action, resource) => {
      const decision = await authorize(caller, action, resource);
      if (!decision.allowed) throw new AwsError('AccessDeniedException', decision.message, 403);
    };
  }

  private unknownService(signingName: string): AwsError {
    const served = Object.keys(this.options.services).sort().join(', ');
    return new AwsError(
      'UnknownServiceException',
      `No service for signing name '${signingName}' on this endpoint; it serves: ${served}`,
      400,
    );
  }

  private fail(
    req: IncomingMessage,
    res: ServerResponse,
    entry: ServiceEntry | undefined,
    error: unknown,
    requestId: string,
  ): void {
    this.report(error, requestId);
    if (res.headersSent || res.writableEnded) {
      res.destroy();
      return;
    }
    writeResponse(req, res, errorFor(entry, error, requestId));
  }

  /** Failures of the engine (not AwsErrors, or an AWS error's `cause`) go to the engine's log. */
  private report(error: unknown, requestId: string): void {
    if (!isAwsError(error)) this.options.onInternalError?.(error, requestId);
    else if (error.cause !== undefined) this.options.onInternalError?.(error.cause, requestId);
  }
}

/** Where the endpoint sends a request (AwsEndpoint.route). */
type Routed =
  | { readonly kind: 'mounted'; readonly handler: MountedHandler }
  | { readonly kind: 'anonymous'; readonly entry: RawServiceEntry }
  | {
      readonly kind: 'refused';
      readonly entry: ServiceEntry | undefined;
      readonly error: unknown;
      /** The answer's format is that of the query service the body's `Action` names, if any. */
      readonly byAction: boolean;
    }
  | {
      readonly kind: 'served';
      readonly entry: ServiceEntry;
      readonly credential: SigV4Credential;
      readonly ctx: RequestContext;
      readonly gate: Gate;
    };

/** The entries the edge reads the whole body for (every kind but raw). */
type BufferedEntry = Exclude<ServiceEntry, RawServiceEntry>;

function splitUrl(url: string): { path: string; rawQuery: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, rawQuery: '' } : { path: url.slice(0, q), rawQuery: url.slice(q + 1) };
}

const isForm = (contentType: string | undefined): boolean =>
  (contentType ?? '').startsWith('application/x-www-form-urlencoded');
