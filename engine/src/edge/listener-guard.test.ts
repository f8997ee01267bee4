import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../../../test/hardening/support/raw-socket.fixture.ts';
import { connectionCap } from '../net/listener-guard.ts';
import { AwsEndpoint } from './aws-endpoint.ts';

let endpoint: AwsEndpoint | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await endpoint?.close();
  endpoint = undefined;
});

const start = async (limits: ConstructorParameters<typeof AwsEndpoint>[0]['limits']) => {
  endpoint = new AwsEndpoint({ port: 0, services: {}, limits, onWarning: () => undefined });
  return (await endpoint.start()).url;
};

/** Opens a connection that sends `text` and waits; resolves once connected. */
const open = (url: string, text: string): Promise<Socket> =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => {
      socket.write(text);
      resolve(socket);
    });
    socket.on('error', () => undefined);
    // Read (and drop) what comes back, so the server's close is seen.
    socket.resume();
    sockets.push(socket);
  });

const closedWithin = (socket: Socket, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

describe('the listener guard', () => {
  it('derives the cap from the descriptor limit', () => {
    expect(connectionCap(1024)).toBe(307);
    expect(connectionCap(20)).toBe(16);
    expect(connectionCap(256)).toBe(76);
  });

  it('closes an incomplete header block after the headers timeout (seconds, not minutes)', async () => {
    const url = await start({ headersTimeoutMs: 500 });
    const slow = await open(url, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    expect(await closedWithin(slow, 3000)).toBe(true);
  });

  it('sheds the oldest connection without a request for a new one, and answers 503 when all are busy', async () => {
    const url = await start({ maxConnections: 2 });
    const idle = await open(url, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // Busy: the head is complete, the body never comes.
    const busy1 = await open(url, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n');
    // Idle for less than a second: not dropped; the newcomer is refused instead.
    const early = await rawRequest(url, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(early).toMatchObject({ status: 503, closed: true });
    expect(idle.destroyed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const busy2 = await open(url, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n');
    expect(await closedWithin(idle, 2000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const refused = await rawRequest(url, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(refused).toMatchObject({ status: 503, closed: true });
    expect(refused.body).toContain('limit of 2 open connections');
    expect(busy1.destroyed || busy2.destroyed).toBe(false);
  });
});
