/** Reading a request body with a limit, and writing a protocol's answer to the socket. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireResponse } from '../protocol/wire-response.ts';
import { AwsError } from '../runtime/aws-error.ts';

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
        finish(
          new AwsError('RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes`, 413),
        );
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish());
    req.on('error', (error) => finish(error));
    req.on('close', () => finish(new Error('client closed the connection before the body ended')));
  });
}

export function writeResponse(res: ServerResponse, wire: WireResponse): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const body = typeof wire.body === 'string' ? Buffer.from(wire.body, 'utf8') : wire.body;
  res.writeHead(wire.status, { ...wire.headers, 'content-length': String(body.length) });
  res.end(body);
}

export const headerOf = (req: { headers: IncomingMessage['headers'] }, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};
