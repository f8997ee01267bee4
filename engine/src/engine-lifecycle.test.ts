/**
 * The engine's start and close driven by one list of started parts: close stops each part before
 * what it uses, and a start refused part-way (after DynamoDB opened, the endpoint listened and
 * Lambda armed its queue) leaves nothing running: no listener, and DynamoDB free to open again.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine, type EngineOptions } from './index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function options(extra: Partial<EngineOptions> = {}): EngineOptions {
  const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-lifecycle-'));
  dirs.push(dataDir);
  return { dataDir, port: 0, apiBasePort: 0, onWarning: () => {}, ...extra };
}

/**
 * Listening sockets in this process (the endpoint, HTTP APIs). The engine's timers are unref'd
 * (they never hold the process open), so Node does not list them.
 */
const listeners = (): number =>
  process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;

describe('Engine start and close', () => {
  it('orders its parts so each stops before what it uses, and close stops all of them', async () => {
    const before = listeners();
    const engine = await Engine.start(options());
    engine.serveConsole('any-stack');
    // Stopped from the last: the console, the sampler, schedules and API listeners, the endpoint,
    // Lambda, then the data services Lambda writes to, and the DynamoDB store last.
    expect(engine.startedParts()).toEqual([
      'DynamoDB',
      'Logs',
      'S3',
      'SQS',
      'Firehose',
      'CloudWatch',
      'Lambda',
      'AWS endpoint',
      'HTTP API listeners',
      'EventBridge schedules',
      'data directory size sampler',
      'console',
    ]);
    expect(listeners()).toBeGreaterThan(before);

    await engine.close();
    expect(engine.startedParts()).toEqual([]);
    expect(listeners()).toBe(before);
    // A second close (the CLI's signal handler after a failed close) has nothing left to stop.
    await engine.close();
  });

  it('stops every started part when the start is refused part-way', async () => {
    const first = options();
    const engine = await Engine.start(first);
    // A table without the stack record that made it: the start-up check refuses such a directory
    // with requireStackRecord, after DynamoDB opened and the endpoint listened.
    await engine.services.dynamodb.call('CreateTable', {
      TableName: 'left-behind',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    await engine.close();
    expect(existsSync(join(first.dataDir, 'cloudformation', 'stacks.json'))).toBe(false);

    const before = listeners();
    await expect(Engine.start({ ...first, requireStackRecord: true })).rejects.toThrow(
      /stacks\.json is missing, but the data directory holds what a stack created \(table left-behind\)/,
    );
    expect(listeners()).toBe(before);
    // LevelDB allows one open per directory: this start succeeds only if the refused one closed it.
    const again = await Engine.start(first);
    const tables = (await again.services.dynamodb.call('ListTables', {})) as { TableNames: string[] };
    expect(tables.TableNames).toEqual(['left-behind']);
    await again.close();
  });
});
