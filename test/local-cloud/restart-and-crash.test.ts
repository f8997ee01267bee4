import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, startCliCloud } from '../support/cli-process.fixture.ts';
import { TABLE_NAME } from '../support/local-cloud.fixture.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function storedIds(endpoint: string): Promise<Set<string>> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const ids = new Set<string>();
  let startKey: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: TABLE_NAME,
        ExclusiveStartKey: startKey,
        ProjectionExpression: 'RequestId',
      }),
    );
    for (const item of page.Items ?? []) if (item.RequestId?.S) ids.add(item.RequestId.S);
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  client.destroy();
  return ids;
}

async function post(url: string, body: unknown): Promise<{ status: number; requestId?: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as { requestId?: string };
  return { status: response.status, ...(json.requestId ? { requestId: json.requestId } : {}) };
}

describe('tapstack up across restarts', () => {
  it('reuses the stack, its URL and its data after Ctrl-C (SIGTERM) and a second start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-restart-'));
    dirs.push(dataDir);
    const first = await startCliCloud(dataDir);
    const stored = await post(first.apiUrl, { before: 'restart' });
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);

    const second = await startCliCloud(dataDir);

    expect(second.output.join('\n')).toMatch(/No changes/);
    expect(second.apiUrl).toBe(first.apiUrl);
    expect(await storedIds(second.endpointUrl)).toContain(stored.requestId);
    expect((await post(second.apiUrl, { after: 'restart' })).status).toBe(200);
    second.child.kill('SIGTERM');
    await exited(second.child);
  });

  it('loses no acknowledged request when killed with SIGKILL under load', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-kill-'));
    dirs.push(dataDir);
    // The stack's default stage throttling (100 req/s) would answer much of this load with 429.
    const cloud = await startCliCloud(dataDir, [
      '-p',
      'ThrottlingRateLimit=10000',
      '-p',
      'ThrottlingBurstLimit=5000',
    ]);
    const acknowledged: string[] = [];
    let killed = false;
    const worker = async (n: number) => {
      for (let i = 0; !killed && i < 500; i++) {
        try {
          const result = await post(cloud.apiUrl, { worker: n, i });
          if (result.status === 200 && result.requestId) acknowledged.push(result.requestId);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    let workersDone = false;
    const load = Promise.all(Array.from({ length: 12 }, (_, n) => worker(n))).finally(() => {
      workersDone = true;
    });
    const deadline = Date.now() + 20_000;
    while (acknowledged.length < 150 && !workersDone && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 20));
    }
    cloud.child.kill('SIGKILL');
    killed = true;
    await load;
    await exited(cloud.child);

    const restarted = await startCliCloud(dataDir, [
      '-p',
      'ThrottlingRateLimit=10000',
      '-p',
      'ThrottlingBurstLimit=5000',
    ]);
    const ids = await storedIds(restarted.endpointUrl);

    const missing = acknowledged.filter((id) => !ids.has(id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    expect(missing).toEqual([]);
    restarted.child.kill('SIGTERM');
    await exited(restarted.child);
  });
});
