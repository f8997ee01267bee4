/**
 * `npm run bench -- --only round-trip`: what one call between two threads of one process costs,
 * carried the two ways a Lambda host can carry its function's SDK call to the main thread:
 * - HTTP over loopback TCP (a keep-alive `http.Agent` in a worker, `http.createServer` on the main
 *   thread): what the SDK does by default;
 * - a message and its answer on the worker's port (host/sdk-channel.ts).
 * Both carry the same DynamoDB-sized request (~600 bytes of headers and body) and answer ~250
 * bytes, 10 calls in flight. CPU is the whole process's (both threads and the kernel's work for
 * them), per call; each way runs twice, in turns.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';

const CALLS = 20_000;
const IN_FLIGHT = 10;
const BODY = JSON.stringify({ TableName: 'bench-requests', Item: { id: { S: 'x'.repeat(300) } } });
const HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'DynamoDB_20120810.PutItem',
  'x-amz-date': '20261205T000000Z',
  authorization: `AWS4-HMAC-SHA256 Credential=${'a'.repeat(150)}`,
};
const ANSWER = JSON.stringify({ ConsumedCapacity: null, padding: 'y'.repeat(200) });

type Way = 'http' | 'port';

/**
 * The worker's side, as plain JavaScript (`eval`: a worker's own entry gets no TypeScript loader on
 * Node 20): `CALLS` calls, `IN_FLIGHT` at a time, over HTTP or the port, then 'finished'.
 */
const WORKER_SOURCE = `
const { Agent, request } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { way, port, calls, inFlight, body, headers } = workerData;
function drive(one) {
  return new Promise((finished) => {
    let started = 0;
    let ended = 0;
    const next = () => {
      if (started >= calls) return;
      started++;
      one(() => {
        ended++;
        if (ended === calls) finished();
        else next();
      });
    };
    for (let i = 0; i < inFlight; i++) next();
  });
}
async function run() {
  if (way === 'http') {
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    const sent = { ...headers, host: '127.0.0.1:' + port, 'content-length': Buffer.byteLength(body) };
    await drive((done) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: sent }, (res) => {
        res.on('data', () => {});
        res.on('end', done);
      });
      req.end(body);
    });
    agent.destroy();
  } else {
    const waiting = new Map();
    let id = 0;
    parentPort.on('message', (answer) => {
      const done = waiting.get(answer.id);
      waiting.delete(answer.id);
      done();
    });
    await drive((done) => {
      id++;
      waiting.set(id, done);
      parentPort.postMessage({ id, method: 'POST', url: '/', headers, body });
    });
  }
  parentPort.postMessage('finished');
}
run();
`;

async function measure(way: Way): Promise<{ cpuUs: number; wallUs: number }> {
  let server: ReturnType<typeof createServer> | undefined;
  let port: number | undefined;
  if (way === 'http') {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      req.on('data', () => {});
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(ANSWER);
      });
    });
    await new Promise<void>((listening) => server?.listen(0, '127.0.0.1', listening));
    port = (server.address() as AddressInfo).port;
  }
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { way, port, calls: CALLS, inFlight: IN_FLIGHT, body: BODY, headers: HEADERS },
  });
  await new Promise<void>((finished) => {
    worker.on('message', (message: { id: number } | 'finished') => {
      if (message === 'finished') finished();
      else
        worker.postMessage({
          id: message.id,
          status: 200,
          headers: { 'content-type': 'application/x-amz-json-1.0' },
          body: ANSWER,
        });
    });
  });
  const cpu = process.cpuUsage(cpuBefore);
  const wallUs = ((performance.now() - began) * 1000) / CALLS;
  await worker.terminate();
  server?.closeAllConnections();
  server?.close();
  return { cpuUs: (cpu.user + cpu.system) / CALLS, wallUs };
}

/** Lines for the bench's output. */
export async function measureRoundTrips(): Promise<string[]> {
  const lines: string[] = [];
  const cpu: Record<Way, number[]> = { http: [], port: [] };
  for (const way of ['http', 'port', 'http', 'port'] as const) {
    const figure = await measure(way);
    cpu[way].push(figure.cpuUs);
    lines.push(
      `  ${way === 'http' ? 'HTTP over loopback TCP' : 'message on the port   '}  ${figure.cpuUs.toFixed(1)} us CPU per call (both threads), ${figure.wallUs.toFixed(1)} us wall`,
    );
  }
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  lines.push(`  RATIO port/HTTP CPU per call: ${(mean(cpu.port) / mean(cpu.http)).toFixed(2)}x`);
  return lines;
}
