/**
 * Slowloris against the AWS endpoint of a `tapstack up` limited to 1,024 descriptors: 2,000
 * connections that send a header line now and then and never finish. Ordinary requests keep
 * succeeding, and the process stays up. Bounded: about ten seconds, 127.0.0.1 only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LimitedCloud, startLimitedCloud } from './support/limited-cloud.fixture.ts';

const ATTACKERS = 2000;
const ATTACK_MS = 6000;

let cloud: LimitedCloud;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tapstack-slowloris-'));
  cloud = await startLimitedCloud(dataDir, { descriptors: 1024 });
}, 90_000);
afterAll(async () => {
  await cloud?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Opens `count` connections that send a partial request head and a header line every second. */
function slowloris(
  url: string,
  count: number,
): { sockets: Socket[]; ready: Promise<void>; closedByServer(): number; stop(): void } {
  const { hostname, port } = new URL(url);
  const sockets: Socket[] = [];
  let closed = 0;
  let stopping = false;
  let settled = 0;
  let allSettled: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    allSettled = resolve;
  });
  const settle = () => {
    if (++settled === count) allSettled();
  };
  for (let i = 0; i < count; i++) {
    const socket = connect(Number(port), hostname);
    socket.once('connect', settle);
    socket.once('error', () => {
      if (socket.connecting) settle();
    });
    socket.on('error', () => undefined);
    // Read (and drop) whatever comes back, so a close by the server is seen.
    socket.resume();
    socket.on('close', () => {
      if (!stopping) closed++;
    });
    socket.on('connect', () => socket.write(`GET /?n=${i} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n`));
    sockets.push(socket);
  }
  const drip = setInterval(() => {
    for (const socket of sockets) if (!socket.destroyed) socket.write('X-Slow: 1\r\n');
  }, 1000);
  return {
    sockets,
    ready,
    closedByServer: () => closed,
    stop: () => {
      stopping = true;
      clearInterval(drip);
      for (const socket of sockets) socket.destroy();
    },
  };
}

describe('slowloris with 2,000 connections under ulimit -n 1024', () => {
  it('keeps serving ordinary requests on the AWS endpoint and the API, and stays up', async () => {
    const ddb = new DynamoDBClient({
      endpoint: cloud.endpointUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 3,
    });
    // Warm: the first API request starts the function's execution environment.
    expect((await fetch(`${cloud.apiUrl}/warm`, { method: 'POST', body: '{}' })).status).toBe(200);
    const attack = slowloris(cloud.endpointUrl, ATTACKERS);
    const apiAttack = slowloris(cloud.apiUrl, ATTACKERS / 4);
    // Every slow connection is established before the ordinary requests start.
    await Promise.race([
      Promise.all([attack.ready, apiAttack.ready]),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
    let served = 0;
    let held = 0;
    const failures: string[] = [];
    const until = Date.now() + ATTACK_MS;
    try {
      while (Date.now() < until) {
        try {
          const tables = await ddb.send(new ListTablesCommand({}));
          expect(tables.TableNames).toContain('serverless-infrastructure-requests');
          const api = await fetch(`${cloud.apiUrl}/slowloris-probe`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"probe":true}',
          });
          expect(api.status).toBe(200);
          served += 2;
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    } finally {
      held = ATTACKERS - attack.closedByServer();
      attack.stop();
      apiAttack.stop();
      ddb.destroy();
    }
    console.log(
      `slowloris: ${ATTACKERS} + ${ATTACKERS / 4} slow connections for ${ATTACK_MS} ms; ${served} ordinary requests served, ${failures.length} failed; the endpoint held ${held} of them open`,
    );
    expect(cloud.alive()).toBe(true);
    expect(failures).toEqual([]);
    expect(served).toBeGreaterThan(0);
    // The listener's cap (30% of 1,024 descriptors) sheds the oldest slow connections.
    expect(held).toBeLessThanOrEqual(Math.floor(1024 * 0.3));
  }, 60_000);
});
