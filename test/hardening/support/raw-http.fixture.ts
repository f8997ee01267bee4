/**
 * Raw HTTP/1.1 over a TCP socket: the tests need to send bytes no well-behaved client sends (CRLF in
 * header values, invalid UTF-8 in the request line, a request line of 70 KB), and to read the
 * response head exactly as written on the wire.
 */
import { connect } from 'node:net';

export interface RawResponse {
  /** 0 when the server closed the connection without answering. */
  readonly status: number;
  /** The response head as received (status line and header lines). */
  readonly head: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
}

/** The `host:port` of an http URL. */
export function hostPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

/**
 * Writes `bytes` to `url`'s host and port and reads until the server closes the connection (the
 * requests the tests build say `connection: close`), or `timeoutMs` passes.
 */
export function rawRequest(url: string, bytes: Buffer | string, timeoutMs = 15_000): Promise<RawResponse> {
  const { host, port } = hostPort(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after a complete answer (the server closing a connection it refused) is still an answer.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseResponse(Buffer.concat(chunks)));
    });
  });
}

export function parseResponse(raw: Buffer): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, head: raw.toString('latin1'), headers: [], body: Buffer.alloc(0) };
  const head = raw.subarray(0, end).toString('latin1');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = lines.map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
  });
  return {
    status: Number(statusLine.split(' ')[1] ?? 0),
    head,
    headers,
    body: raw.subarray(end + 4),
  };
}

/** A complete request with `connection: close` and a content-length matching `body`. */
export function buildRequest(
  method: string,
  target: string,
  url: string,
  headers: ReadonlyArray<readonly [string, string]> = [],
  body: Buffer | string = '',
): Buffer {
  const { host, port } = hostPort(url);
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const lines = [
    `${method} ${target} HTTP/1.1`,
    `host: ${host}:${port}`,
    ...headers.map(([name, value]) => `${name}: ${value}`),
    ...(bytes.length > 0 || ['POST', 'PUT', 'PATCH'].includes(method)
      ? [`content-length: ${bytes.length}`]
      : []),
    'connection: close',
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bytes]);
}
