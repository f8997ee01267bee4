import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { refuseForeignHost } from '../../net/foreign-host.ts';
import { HostPolicy } from '../../net/host-allowlist.ts';
import { guardedServerOptions, guardServer, type ListenerLimits } from '../../net/listener-guard.ts';
import { GATEWAY_RESPONSES, gatewayResponseBody, MAX_PAYLOAD_BYTES } from './gateway-responses.ts';
import type { GatewayReply, IncomingRequest } from './request-handler.ts';
import { parseRequestTarget } from './request-target.ts';

/**
 * One HTTP server for one API, on its own local port. It only turns Node's request into an
 * `IncomingRequest` (enforcing the 10 MB payload quota while reading) and writes the reply back;
 * everything AWS-specific happens in the handler. Keep-alive stays on and Nagle is off so small
 * request/response pairs are not delayed.
 */
export interface ListenerGuard {
  /** Host allowlist; the API keeps its own CorsConfiguration, so no Origin rule here. */
  readonly hostPolicy?: HostPolicy;
  readonly limits?: ListenerLimits;
  readonly onWarning?: (message: string) => void;
}

export class ApiListener {
  private server: Server | undefined;

  constructor(
    private readonly handle: (request: IncomingRequest) => Promise<GatewayReply>,
    private readonly guard: ListenerGuard = {},
  ) {}

  /** Listens on `host:port` (0 = any free port) and returns the bound port. */
  async listen(host: string, port: number): Promise<number> {
    const hosts = this.guard.hostPolicy ?? new HostPolicy({ listenHost: host });
    const options = { ...guardedServerOptions(this.guard.limits), noDelay: true, keepAlive: true };
    const server = createServer(options, (req, res) => {
      if (refuseForeignHost(req, res, hosts)) return;
      void this.serve(req, res);
    });
    guardServer(server, `HTTP API port ${port || 'any'}`, this.guard.limits, this.guard.onWarning);
    server.on('connection', (socket) => socket.setNoDelay(true));
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      server.once('error', onError);
      server.listen(port, host, () => {
        server.off('error', onError);
        resolve();
      });
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: GatewayReply;
    try {
      const request = await readRequest(req);
      if (request.tooLarge) res.shouldKeepAlive = false;
      reply = await this.handle(request);
    } catch {
      // A failure inside the emulator is a 500, never a hang or a crash of the engine.
      const body = Buffer.from(gatewayResponseBody(GATEWAY_RESPONSES.noIntegration));
      reply = { statusCode: 500, headers: [['content-type', 'application/json']], body };
    }
    writeReply(res, reply);
  }
}

const readRequest = async (req: IncomingMessage): Promise<IncomingRequest> => {
  const target = parseRequestTarget(req.url ?? '/');
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
  }
  const { body, tooLarge } = await readBody(req);
  return {
    method: req.method ?? 'GET',
    rawPath: target.path,
    rawQueryString: target.query,
    headers,
    body,
    sourceIp: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
    protocol: `HTTP/${req.httpVersion}`,
    tooLarge,
    localPort: req.socket.localPort ?? 0,
    scheme: 'http',
  };
};

/**
 * Past the 10 MB quota the rest of the body is still read (and dropped) up to this bound, so a
 * client that sends its whole body before reading (Python's http.client, requests) gets the 413
 * instead of a broken pipe; beyond it the 413 goes out at once and the connection closes.
 */
export const OVERSIZE_DRAIN_BYTES = 64 * 1024 * 1024;

/** Reads at most the payload quota; past it the rest is drained and dropped, and the request marked. */
const readBody = (req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> => {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > OVERSIZE_DRAIN_BYTES) return Promise.resolve({ body: Buffer.alloc(0), tooLarge: true });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES && !tooLarge) {
        tooLarge = true;
        chunks.length = 0;
      }
      if (!tooLarge) chunks.push(chunk);
      if (size > OVERSIZE_DRAIN_BYTES) {
        req.off('data', onData);
        req.pause();
        resolve({ body: Buffer.alloc(0), tooLarge: true });
      }
    };
    req.on('data', onData);
    req.on('end', () => resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
  });
};

const writeReply = (res: ServerResponse, reply: GatewayReply): void => {
  if (res.headersSent || res.destroyed) return;
  res.sendDate = false;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of reply.headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  for (const [name, values] of grouped)
    res.setHeader(name, values.length === 1 ? (values[0] as string) : values);
  res.statusCode = reply.statusCode;
  // Node leaves the body out for HEAD requests itself, keeping content-length as AWS does.
  res.end(reply.body);
};
