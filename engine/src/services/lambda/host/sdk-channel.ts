/**
 * The calls the runtime-provided AWS SDK makes to the local cloud's endpoint, carried over the
 * host's message port instead of a loopback HTTP connection. On AWS the runtime provides the SDK
 * (`@aws-sdk/*` in the nodejs runtimes); here the host provides the project's copy, and its HTTP
 * handler (`@smithy/node-http-handler`) hands a call addressed to the local endpoint to the main
 * thread, which answers it with `AwsEndpoint.answer`.
 *
 * Why: an HTTP request and its answer between two threads of one process cost about 105 us of
 * CPU on a 2-core machine (client and server HTTP machinery on both threads, the loopback TCP
 * stack in the kernel), a message and its answer about 18 us (`npm run bench -- --only
 * round-trip`). A function's DynamoDB write is one such call per request.
 *
 * What stays as over HTTP: the SDK builds, signs, retries and parses every call itself (its whole
 * middleware stack runs; only the last step, the handler, is replaced); the endpoint verifies the
 * signature, authorizes the caller with IAM and answers with the same status, headers and bytes.
 *
 * What still goes over HTTP: calls to any other host; streaming request bodies; services that speak
 * HTTP themselves (S3: the endpoint answers "not here" and the call is sent again over HTTP); and
 * SDK copies a function bundles itself (only the copy the host's `require` resolves is changed).
 * Connection and socket timeouts do not apply (there is no connection); `abortSignal` and
 * `requestTimeout` (with `throwOnRequestTimeout`) behave as the HTTP handler's do.
 */
import { STATUS_CODES } from 'node:http';
import { createRequire } from 'node:module';
import type { EndpointCall } from '../../../protocol/endpoint-call.ts';
import type { AnswerMessage, CallMessage } from './protocol.ts';

/** The parts of the SDK's HttpRequest (`@smithy/protocol-http`) a call is made of. */
interface SdkRequest {
  readonly protocol?: string;
  readonly hostname?: string;
  readonly port?: number;
  readonly method: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly fragment?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

interface HandlerOptions {
  readonly abortSignal?: AbortSignal;
  readonly requestTimeout?: number;
}

interface HandlerConfig {
  readonly requestTimeout?: number;
  readonly throwOnRequestTimeout?: boolean;
}

/** `NodeHttpHandler` as this module uses it: its config and its `handle`. */
interface NodeHttpHandlerInstance {
  config?: HandlerConfig;
  readonly configProvider?: Promise<HandlerConfig>;
}
type Handle = (
  this: NodeHttpHandlerInstance,
  request: SdkRequest,
  options?: HandlerOptions,
) => Promise<unknown>;

interface SdkModules {
  readonly NodeHttpHandler: { prototype: { handle: Handle } };
}
interface SdkProtocols {
  readonly HttpResponse: new (init: {
    statusCode: number;
    reason?: string;
    headers: Record<string, string>;
    body: Uint8Array;
  }) => unknown;
  readonly buildQueryString: (query: Readonly<Record<string, unknown>>) => string;
}

interface Pending {
  readonly resolve: (message: AnswerMessage) => void;
  readonly reject: (error: Error) => void;
}

/** The worker's end of the channel: numbered calls out, answers matched back to them. */
export class SdkChannel {
  private readonly endpoint: URL;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private installed = false;

  constructor(
    endpointUrl: string,
    private readonly send: (message: CallMessage) => void,
  ) {
    this.endpoint = new URL(endpointUrl);
  }

  /**
   * `require` for the function's code: the first package it loads from the SDK's scopes has the
   * SDK's HTTP handler changed first (before any client of it exists). Functions that never load
   * the SDK never load the handler either.
   */
  wrap(require: NodeJS.Require): NodeJS.Require {
    const wrapped = (id: string): unknown => {
      if (!this.installed && (id.startsWith('@aws-sdk/') || id.startsWith('@smithy/'))) this.install(require);
      return require(id);
    };
    return Object.assign(wrapped, require);
  }

  /** An answer from the main thread. */
  receive(message: AnswerMessage): void {
    const pending = this.pending.get(message.id);
    if (!pending) return; // aborted or timed out meanwhile
    this.pending.delete(message.id);
    if (message.failed !== undefined) pending.reject(new Error(`local endpoint: ${message.failed}`));
    else pending.resolve(message);
  }

  /**
   * Changes `NodeHttpHandler.prototype.handle` of the copy `require` resolves; once. Without that
   * package, or with one shaped differently, nothing changes and every call goes over HTTP.
   */
  install(require: NodeJS.Require): void {
    this.installed = true;
    let NodeHttpHandler: SdkModules['NodeHttpHandler'];
    let protocols: SdkProtocols;
    try {
      const local = createRequire(require.resolve('@smithy/node-http-handler'));
      ({ NodeHttpHandler } = local('@smithy/node-http-handler') as SdkModules);
      protocols = local('@smithy/core/protocols') as SdkProtocols;
      if (typeof NodeHttpHandler.prototype.handle !== 'function') return;
      if (typeof protocols.HttpResponse !== 'function' || typeof protocols.buildQueryString !== 'function')
        return;
    } catch {
      return;
    }
    const overHttp = NodeHttpHandler.prototype.handle;
    const channel = this;
    NodeHttpHandler.prototype.handle = async function handle(request, options = {}) {
      const call = channel.callFor(request, protocols.buildQueryString);
      if (!call) return overHttp.call(this, request, options);
      this.config ??= await this.configProvider;
      const message = await channel.carry(call, options, this.config ?? {});
      if (!message.answer) return overHttp.call(this, request, options);
      const { status, headers, body } = message.answer;
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      const response = new protocols.HttpResponse({
        statusCode: status,
        reason: STATUS_CODES[status],
        headers: responseHeaders(headers, bytes.length),
        body: bytes,
      });
      return { response };
    };
  }

  /** The call a request to the local endpoint makes; undefined for anything else. */
  private callFor(
    request: SdkRequest,
    buildQueryString: SdkProtocols['buildQueryString'],
  ): EndpointCall | undefined {
    const { endpoint } = this;
    if (request.protocol !== endpoint.protocol || request.hostname !== endpoint.hostname) return undefined;
    if (String(request.port ?? '') !== endpoint.port && !(request.port === 80 && endpoint.port === ''))
      return undefined;
    const body = request.body;
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) return undefined;
    const query = request.query ? buildQueryString(request.query) : '';
    const url = `${request.path}${query ? `?${query}` : ''}${request.fragment ? `#${request.fragment}` : ''}`;
    return { method: request.method, url, headers: requestHeaders(request, body), body: body ?? '' };
  }

  private carry(call: EndpointCall, options: HandlerOptions, config: HandlerConfig): Promise<AnswerMessage> {
    const { abortSignal } = options;
    if (abortSignal?.aborted) return Promise.reject(abortError(abortSignal));
    const id = this.nextId++;
    return new Promise<AnswerMessage>((resolve, reject) => {
      const timeoutMs = options.requestTimeout ?? config.requestTimeout ?? 0;
      const timer =
        timeoutMs > 0 && config.throwOnRequestTimeout === true
          ? setTimeout(() => {
              settle();
              reject(
                Object.assign(
                  new Error(`a request has exceeded the configured ${timeoutMs} ms requestTimeout.`),
                  {
                    name: 'TimeoutError',
                    code: 'ETIMEDOUT',
                  },
                ),
              );
            }, timeoutMs)
          : undefined;
      const onAbort = (): void => {
        settle();
        reject(abortError(abortSignal));
      };
      const settle = (): void => {
        this.pending.delete(id);
        clearTimeout(timer);
        abortSignal?.removeEventListener('abort', onAbort);
      };
      abortSignal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (message) => {
          settle();
          resolve(message);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.send({ k: 'call', id, call });
    });
  }
}

/** The request's headers as a server reads them: lower-case names, `host` and `content-length` set. */
function requestHeaders(request: SdkRequest, body: string | Uint8Array | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : String(value);
  }
  headers.host ??= `${request.hostname}${request.port === undefined ? '' : `:${request.port}`}`;
  if (body !== undefined && headers['content-length'] === undefined)
    headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  return headers;
}

/** The answer's headers as the HTTP handler reports them: lower-case names, with length and date. */
function responseHeaders(headers: Readonly<Record<string, string>>, length: number): Record<string, string> {
  const out: Record<string, string> = { date: new Date().toUTCString() };
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  out['content-length'] = String(length);
  return out;
}

/** The error the HTTP handler rejects with when the caller aborts. */
function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  const error = new Error(
    reason === undefined || reason instanceof Error ? 'Request aborted' : String(reason),
  );
  error.name = 'AbortError';
  if (reason instanceof Error) error.cause = reason;
  return error;
}
