/**
 * The engine's start and close driven by one list of started parts: close stops them in reverse
 * start order, and a start refused part-way (after the stores opened and the endpoint listened)
 * leaves nothing running: no listener, and the DynamoDB store free to open again.
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
  it('starts its parts in dependency order and close stops all of them, the last started first', async () => {
    const before = listeners();
    const engine = await Engine.start(options());
    engine.serveConsole('any-stack');
    expect(engine.startedParts()).toEqual([
      'DynamoDB',
      'Logs',
      'S3',
      'SQS',
      'Firehose',
      'CloudWatch',
      'AWS endpoint (listening)',
      'Lambda',
      'AWS endpoint (serving)',
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
    // with requireStackRecord, after the stores opened and the endpoint listened.
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
