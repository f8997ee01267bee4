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
import type { CallerIdentity, RequestContext } from '../protocol/operation.ts';
import { checkPresignedExpiry } from '../protocol/presign-expiry.ts';
import { parseQueryParams } from '../protocol/query-protocol.ts';
import type { AuthorizeFn, ServiceCors, ServiceEntry, ServiceMap } from '../protocol/service-entry.ts';
import { parseSigV4, SigningKeyCache, type SigV4Credential, verifySignature } from '../protocol/sigv4.ts';
import type { WireResponse } from '../protocol/wire-response.ts';
import { type AccountContext, DEFAULT_ACCOUNT } from '../runtime/account.ts';
import { AwsError, isAwsError } from '../runtime/aws-error.ts';
import { dispatchJson, dispatchQuery, dispatchRestJson, errorFor, type Gate } from './dispatch.ts';
import { applyOriginRule } from './front-door.ts';
import { authorizeRaw, drain, headerOf, readBody, writeResponse } from './http-io.ts';
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

  /** The service answering this request's CORS itself (S3 for a bucket), unless a mount serves the path. */
  private ownCors(req: IncomingMessage): ServiceCors | undefined {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (this.mounts.some((m) => path === m.prefix || path.startsWith(`${m.prefix}/`))) return undefined;
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
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const method = req.method ?? 'GET';
    const mounted = this.mounts.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`));
    if (mounted) return mounted.handler(req, res);

    let credential: SigV4Credential | undefined;
    let authError: unknown;
    try {
      credential = parseSigV4(req.headers, new URLSearchParams(rawQuery));
    } catch (error) {
      authError = error;
    }
    const resolved = resolveService(
      this.options.services,
      credential?.service,
      headerOf(req, 'x-amz-target'),
      method,
      path,
    );
    if (!resolved) {
      const error = authError ?? this.unknownService(credential?.service ?? '');
      const entry = credential ? undefined : await this.queryEntryByAction(req, rawQuery);
      await drain(req, this.maxBody);
      return writeResponse(req, res, errorFor(entry, error, requestId));
    }
    const entry = resolved.entry;
    if (!credential) {
      const missing = isAwsError(authError) && authError.code === 'MissingAuthenticationTokenException';
      if (entry.kind === 'raw' && entry.allowAnonymous && missing) return entry.handler(req, res);
      // The catch-all (S3) took it by default; an unsigned awsQuery form still gets its own XML.
      const byAction =
        entry.kind === 'raw' && entry.catchAll ? await this.queryEntryByAction(req, rawQuery) : undefined;
      await drain(req, this.maxBody);
      return writeResponse(req, res, errorFor(byAction ?? entry, authError, requestId));
    }
    if (credential.presigned) {
      try {
        checkPresignedExpiry(new URLSearchParams(rawQuery), (this.options.now ?? Date.now)());
      } catch (error) {
        await drain(req, this.maxBody);
        return writeResponse(req, res, errorFor(entry, error, requestId));
      }
    }
    const caller = (this.options.identify ?? rootIdentity)(credential.accessKeyId);
    const ctx: RequestContext = {
      requestId,
      region: credential.region,
      accountId: this.account.accountId,
      caller,
    };
    const gate = this.gateFor(caller);
    try {
      if (entry.kind === 'raw') {
        this.verify(credential, req, undefined);
        await authorizeRaw(entry, req, ctx, gate);
        entry.handler(req, res);
        return;
      }
      const body = await readBody(req, this.maxBody);
      this.verify(credential, req, body);
      const dispatchRequest = { method, path, rawQuery, headers: req.headers, body };
      const wire: WireResponse =
        entry.kind === 'json-handler'
          ? await entry.handle({ method, url, headers: req.headers, body }, ctx, gate)
          : entry.kind === 'json'
            ? await dispatchJson(entry, dispatchRequest, ctx, gate)
            : entry.kind === 'query'
              ? await dispatchQuery(entry, dispatchRequest, ctx, gate)
              : await dispatchRestJson(entry, dispatchRequest, ctx, gate);
      writeResponse(req, res, wire);
    } catch (error) {
      await drain(req, this.maxBody);
      this.fail(req, res, entry, error, requestId);
    }
  }

  /**
   * An unsigned awsQuery request names no service outside its body; its `Action` finds the query
   * service whose table has it, so the auth error is answered in that service's XML.
   */
  private async queryEntryByAction(
    req: IncomingMessage,
    rawQuery: string,
  ): Promise<ServiceEntry | undefined> {
    if (!(headerOf(req, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded'))
      return undefined;
    const body = await readBody(req, 64 * 1024).catch(() => undefined);
    if (!body) return undefined;
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

  private verify(credential: SigV4Credential, req: IncomingMessage, body: Buffer | undefined): void {
    const secret = this.options.secretFor?.(credential.accessKeyId);
    if (secret === undefined) return;
    // A presigned URL never covers the payload, so it can be verified before the body is read.
    if (body === undefined && !credential.presigned && req.headers['x-amz-content-sha256'] === undefined)
      return;
    verifySignature(
      credential,
      secret,
      { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body },
      this.signingKeys,
    );
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
    // An AWS error that wraps a failure of the engine (its `cause`) is logged like any other.
    if (!isAwsError(error)) this.options.onInternalError?.(error, requestId);
    else if (error.cause !== undefined) this.options.onInternalError?.(error.cause, requestId);
    if (res.headersSent || res.writableEnded) {
      res.destroy();
      return;
    }
    writeResponse(req, res, errorFor(entry, error, requestId));
  }
}
