import { connect } from 'node:net';

export interface RawAnswer {
  /** 0 when the server answered nothing before closing or the wait ended. */
  readonly status: number;
  readonly head: string;
  readonly body: string;
  /** True when the server closed the connection within the wait. */
  readonly closed: boolean;
}

/**
 * Writes `text` verbatim to host:port and collects what comes back until the server closes the
 * connection or `waitMs` passes (then the socket is dropped and `closed` is false).
 */
export function rawRequest(url: string, text: string | Buffer, waitMs = 3000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const all = Buffer.concat(chunks).toString('latin1');
      const split = all.indexOf('\r\n\r\n');
      const head = split < 0 ? all : all.slice(0, split);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: split < 0 ? '' : all.slice(split + 4), closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (data) => chunks.push(data));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(text);
  });
}

/** A request head with the given lines, CRLF-terminated, plus an optional body. */
export const httpText = (requestLine: string, headers: Record<string, string>, body = ''): string =>
  `${requestLine}\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n${body}`;
