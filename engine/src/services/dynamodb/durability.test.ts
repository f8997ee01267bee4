import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { DynamoDbService } from './service.ts';

const fixture = fileURLToPath(new URL('./durability.fixture.ts', import.meta.url));
const dirs: string[] = [];
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function startChild(dataDir: string): Promise<{ process: ChildProcess; port: number }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /READY (\d+)/.exec(stdout);
      if (match) resolve({ process: proc, port: Number(match[1]) });
    });
    proc.on('exit', (code) => reject(new Error(`fixture exited with ${code}: ${stderr}`)));
  });
}

it('keeps every acknowledged PutItem after the process is killed with SIGKILL mid-stream', async () => {
  // Prepare
  const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-durability-'));
  dirs.push(dataDir);
  const started = await startChild(dataDir);
  child = started.process;
  const exited = new Promise<void>((resolve) => started.process.on('exit', () => resolve()));
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${started.port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const acknowledged: string[] = [];
  let killed = false;
  const writer = async (worker: number): Promise<void> => {
    for (let i = 0; !killed; i++) {
      const id = `w${worker}-${i}`;
      try {
        await client.send(
          new PutItemCommand({ TableName: 'Durable', Item: { id: { S: id }, body: { S: 'x'.repeat(200) } } }),
        );
      } catch {
        return; // the connection died with the process: this write was never acknowledged
      }
      acknowledged.push(id);
      if (acknowledged.length >= 400 && !killed) {
        killed = true;
        started.process.kill('SIGKILL');
      }
    }
  };

  // Act
  await Promise.all(Array.from({ length: 16 }, (_, worker) => writer(worker)));
  await exited;
  client.destroy();
  const reopened = await DynamoDbService.open({
    dataDir,
    clock: new VirtualClock(),
    account: DEFAULT_ACCOUNT,
  });
  const found = new Set<string>();
  try {
    for (let i = 0; i < acknowledged.length; i += 100) {
      const keys = acknowledged.slice(i, i + 100).map((id) => ({ id: { S: id } }));
      const result = (await reopened.call('BatchGetItem', { RequestItems: { Durable: { Keys: keys } } })) as {
        Responses: { Durable: { id: { S: string } }[] };
      };
      for (const item of result.Responses.Durable) found.add(item.id.S);
    }
  } finally {
    await reopened.close();
  }

  // Assess
  expect(acknowledged.length).toBeGreaterThanOrEqual(400);
  expect(acknowledged.filter((id) => !found.has(id))).toEqual([]);
});
