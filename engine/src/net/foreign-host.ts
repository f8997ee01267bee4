/**
 * The checks every request to a local listener (the AWS endpoint, each HTTP API) passes before its
 * handler sees it: an HTTP/1.x version and an allowed Host (see host-allowlist.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostPolicy } from './host-allowlist.ts';

/** Answers plain text and closes the connection (the client is not one to keep talking to). */
export function refuseRequest(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent || res.writableEnded) return;
  const body = Buffer.from(`${message}\n`, 'utf8');
  res.shouldKeepAlive = false;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(body.length),
    connection: 'close',
  });
  res.end(body);
}

/** HTTP/0.9 and foreign Host names are answered here; true when the request was answered. */
export function refuseForeignHost(req: IncomingMessage, res: ServerResponse, policy: HostPolicy): boolean {
  if (req.httpVersionMajor < 1) {
    refuseRequest(res, 400, 'Bad Request: HTTP/0.9 is not served; send an HTTP/1.1 request.');
    return true;
  }
  const verdict = policy.checkHost(req.headers.host);
  if (verdict.ok) return false;
  req.resume();
  refuseRequest(res, verdict.status, verdict.message);
  return true;
}
