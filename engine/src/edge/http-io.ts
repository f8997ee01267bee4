/** Reading a request body with a limit, and writing a protocol's answer to the socket. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../protocol/operation.ts';
import type { RawServiceEntry } from '../protocol/service-entry.ts';
import type { WireResponse } from '../protocol/wire-response.ts';
import { AwsError } from '../runtime/aws-error.ts';
import type { Gate } from './dispatch.ts';

export const bodyTooLarge = (limit: number): AwsError =>
  new AwsError('RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes`, 413);

/** Resolves with the whole body; rejects with 413 past `limit` bytes or when the client goes away. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish(bodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish());
    req.on('error', (error) => finish(error));
    req.on('close', () => finish(new Error('client closed the connection before the body ended')));
  });
}

/** Reads and discards what is left of a body (bounded), so a keep-alive socket stays usable. */
export async function drain(req: IncomingMessage, limit: number): Promise<void> {
  // Complete, or paused by readBody past its limit: nothing more will be read (the answer closes).
  if (req.complete || req.readableFlowing === false) return;
  await readBody(req, limit).catch(() => undefined);
}

/**
 * Writes the answer. When the request body was not read to its end (too large, client error),
 * the connection is closed after the answer: a keep-alive client would otherwise send its next
 * request on a socket the server is about to drop.
 */
export function writeResponse(req: IncomingMessage, res: ServerResponse, wire: WireResponse): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const body = typeof wire.body === 'string' ? Buffer.from(wire.body, 'utf8') : wire.body;
  const close = req.complete ? {} : { connection: 'close' };
  res.writeHead(wire.status, { ...wire.headers, ...close, 'content-length': String(body.length) });
  res.end(body);
}

export const headerOf = (req: { headers: IncomingMessage['headers'] }, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** Authorizes a raw request through its entry's authorization target (method, URL and headers). */
export async function authorizeRaw(
  entry: RawServiceEntry,
  req: IncomingMessage,
  ctx: RequestContext,
  gate: Gate,
): Promise<void> {
  const target = entry.authorizationTarget?.({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    region: ctx.region,
    accountId: ctx.accountId,
  });
  const targets = target === undefined ? [] : Array.isArray(target) ? target : [target];
  for (const { action, resource } of targets) await gate(action, resource);
}
