/**
 * Ports are a property of the run, not of the data: `tapstack up --api-port N` on an existing data
 * directory serves the API on N, endpoint-derived outputs (DeadLetterQueueUrl, ApiEndpoint) follow
 * the ports of the current run, and a port already taken stops the start with a hint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, startCliCloud } from '../support/cli-process.fixture.ts';
import { STACK_NAME } from '../support/local-cloud.fixture.ts';

const dirs: string[] = [];
const held: Server[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await Promise.all(held.map((server) => new Promise((done) => server.close(done))));
});

/** A port the system just handed out (bound then released, so it is very likely free). */
async function freePort(): Promise<number> {
  const server = await listen(0);
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function outputs(endpoint: string): Promise<Record<string, string>> {
  const client = new CloudFormationClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: STACK_NAME }));
    return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  } finally {
    client.destroy();
  }
}

describe('ports belong to the run', () => {
  it('honours --api-port on an existing data directory and moves the endpoint-derived outputs with the ports', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-ports-'));
    dirs.push(dataDir);
    const first = await startCliCloud(dataDir);
    const firstOutputs = await outputs(first.endpointUrl);
    first.child.kill('SIGTERM');
    await exited(first.child);

    const apiPort = await freePort();
    const second = await startCliCloud(dataDir, ['--api-port', String(apiPort)]);
    try {
      const secondOutputs = await outputs(second.endpointUrl);
      const response = await fetch(second.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"after":"move"}',
      });

      expect(firstOutputs.DeadLetterQueueUrl?.startsWith(`${first.endpointUrl}/`)).toBe(true);
      expect(new URL(second.apiUrl).port).toBe(String(apiPort));
      expect(second.endpointUrl).not.toBe(first.endpointUrl);
      expect(secondOutputs.ApiEndpoint).toBe(second.apiUrl);
      expect(secondOutputs.DeadLetterQueueUrl).toBe(
        firstOutputs.DeadLetterQueueUrl?.replace(first.endpointUrl, second.endpointUrl),
      );
      expect(response.status).toBe(200);
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  });

  it('stops with a hint naming the port and the options when the endpoint port is taken', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-ports-'));
    dirs.push(dataDir);
    const blocker = await listen(0);
    held.push(blocker);
    const { port } = blocker.address() as { port: number };

    const failure = await startCliCloud(dataDir, ['--port', String(port)]).then(
      async (cloud) => {
        cloud.child.kill('SIGTERM');
        await exited(cloud.child);
        return '';
      },
      (error: Error) => error.message,
    );

    expect(failure).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(failure).toMatch(/--port N .*--api-port N/);
  });
});
