/**
 * What every local listener (the AWS endpoint, each HTTP API port, the console) does before any
 * request reaches its handler, so no client can hold it or crash it:
 * - header and request timeouts sized for a local tool (an incomplete header block is closed
 *   after seconds, checked every second instead of Node's 30 s);
 * - a cap on open connections, read from the process's descriptor limit at start; past it the
 *   oldest connection that has had no request in progress for a second (a slow header, an idle
 *   keep-alive) is dropped for the new one; when there is none the new one gets 503;
 * - HTTP/0.9 request lines and absurd chunk sizes answered 400 and closed (see request-framing.ts);
 * - listener errors (EMFILE on accept) and client errors logged, never thrown.
 * https://nodejs.org/api/http.html#serverheaderstimeout
 */
import { readFileSync } from 'node:fs';
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { RequestFraming } from './request-framing.ts';

export interface ListenerLimits {
  /** An incomplete header block is closed after this long; default 10 s. */
  readonly headersTimeoutMs?: number;
  /** A whole request (head and body) must arrive within this; default 5 min (large S3 uploads). */
  readonly requestTimeoutMs?: number;
  /** Open connections per listener; default from the descriptor limit (see `connectionCap`). */
  readonly maxConnections?: number;
  /** Largest chunk a chunked body may announce; default 1 GiB. */
  readonly maxChunkBytes?: number;
}

const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;
const DEFAULT_MAX_CHUNK = 1024 * 1024 * 1024;

/** The soft `RLIMIT_NOFILE` of this process (Linux: /proc/self/limits), or undefined when unknown. */
export function descriptorLimit(): number | undefined {
  try {
    const match = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Connections one listener may hold: 30% of the descriptor limit, so an endpoint and an API port
 * both flooded still leave 40% for data files, workers and the embedded database. Unknown limit:
 * 256 (macOS's default soft limit).
 */
export function connectionCap(limit = descriptorLimit()): number {
  return Math.max(16, Math.floor((limit ?? 256) * 0.3));
}

/** Options for `createServer` that carry the timeouts (they must be given at creation). */
export function guardedServerOptions(limits: ListenerLimits = {}): ServerOptions {
  const headersTimeout = limits.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  return {
    headersTimeout,
    requestTimeout: Math.max(limits.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, headersTimeout + 1),
    connectionsCheckingInterval: Math.min(1000, headersTimeout),
    keepAliveTimeout: 5000,
  };
}

interface Tracked {
  readonly socket: Socket;
  busy: number;
  /** When it connected or last finished a request: idle since then when `busy` is 0. */
  since: number;
}

/**
 * A connection idle for less than this is not dropped for a newcomer: connections that arrive
 * together have had no time to send their request, and dropping them would reset clients that did
 * nothing wrong; the newcomer gets 503 instead.
 */
const SHED_AFTER_IDLE_MS = 1_000;

/** Applies the cap, the framing checks and error handling to a server (call before `listen`). */
export function guardServer(
  server: Server,
  name: string,
  limits: ListenerLimits = {},
  warn: (message: string) => void = (message) => console.error(`[tapstack] ${message}`),
): void {
  const cap = limits.maxConnections ?? connectionCap();
  const maxChunk = limits.maxChunkBytes ?? DEFAULT_MAX_CHUNK;
  // Insertion order is age order: the first idle entry is the oldest one to shed.
  const open = new Map<Socket, Tracked>();
  let lastWarning = 0;
  const warnRarely = (message: string): void => {
    const now = Date.now();
    if (now - lastWarning < 10_000) return;
    lastWarning = now;
    warn(message);
  };

  server.on('connection', (socket: Socket) => {
    socket.on('error', () => undefined);
    if (open.size >= cap) {
      const now = Date.now();
      const idle = [...open.values()].find((t) => t.busy === 0 && now - t.since >= SHED_AFTER_IDLE_MS);
      if (idle) {
        open.delete(idle.socket);
        idle.socket.destroy();
      } else {
        warnRarely(`${name}: ${cap} connections are open and none idle; refusing new ones with 503`);
        refuse(socket, 503, 'Service Unavailable', `${name} is at its limit of ${cap} open connections.`);
        return;
      }
    }
    const tracked: Tracked = { socket, busy: 0, since: Date.now() };
    open.set(socket, tracked);
    socket.once('close', () => open.delete(socket));
    const framing = new RequestFraming(maxChunk);
    // A 'data' listener makes Node's parser read through JavaScript too, so both see every byte.
    socket.on('data', (data: Buffer) => {
      const verdict = framing.push(data);
      if (verdict.ok) return;
      socket.removeAllListeners('data');
      refuse(socket, 400, 'Bad Request', `The request was refused: it has ${verdict.reason}.`);
    });
  });
  server.on('request', (req, res) => {
    const tracked = open.get(req.socket);
    if (!tracked) return;
    tracked.busy++;
    res.once('close', () => {
      tracked.busy--;
      tracked.since = Date.now();
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || socket.destroyed) {
      socket.destroy();
      return;
    }
    const code = error.code ?? '';
    if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
      refuse(socket, 408, 'Request Timeout', 'The request took too long to arrive.');
    else if (code === 'HPE_HEADER_OVERFLOW')
      refuse(socket, 431, 'Request Header Fields Too Large', 'The request headers are too large.');
    else if (code === 'ECONNRESET') socket.destroy();
    else refuse(socket, 400, 'Bad Request', 'The request is not valid HTTP/1.1.');
  });
  // EMFILE/ENFILE on accept is emitted here; without a listener it would end the process.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (!server.listening) return;
    warnRarely(
      `${name}: cannot accept connections (${error.code ?? error.message}); still serving open ones`,
    );
  });
}

/** Writes a minimal HTTP/1.1 answer straight to the socket and closes it. */
function refuse(socket: Socket, status: number, reason: string, message: string): void {
  const body = `${message}\n`;
  const answer =
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  // Ended, not destroyed at once: closing with the client's bytes unread would send a reset, and a
  // reset makes the client's system drop the answer before the client reads it. What the client
  // still sends is read and dropped; the socket is destroyed when the client closes, or after a
  // second, so a half-closed socket never stays open on the server's side.
  // The HTTP parser stops seeing bytes (no request of a refused connection reaches a handler).
  socket.removeAllListeners('data');
  socket.on('data', () => undefined);
  const timer = setTimeout(() => socket.destroy(), REFUSED_GRACE_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  socket.once('end', () => socket.destroy());
  socket.end(answer);
}

/** How long a refused connection may take to read its answer and close. */
const REFUSED_GRACE_MS = 1_000;
