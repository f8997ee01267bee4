/**
 * No name a caller can choose writes outside its service's folder: every store that keeps resources
 * by name is driven with random names (and the classic escapes: `.`, `..`, empty, NUL, `/`, `\`,
 * over-long, lone surrogates), then the whole scratch tree is compared with what was there before.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StackStore } from '../deploy/stack-store.ts';
import type { StackRecord } from '../deploy/types.ts';
import { TableSettingsStore } from '../services/dynamodb/table-settings.ts';
import { EventsService } from '../services/events/index.ts';
import type { StreamState } from '../services/firehose/model.ts';
import { StreamPump } from '../services/firehose/stream-pump.ts';
import type { FunctionRecord } from '../services/lambda/model.ts';
import { FunctionStore } from '../services/lambda/store.ts';
import { LogsService } from '../services/logs/index.ts';
import { StreamStore } from '../services/logs/stream-store.ts';
import { S3Store } from '../services/s3/store.ts';
import { SqsStore } from '../services/sqs/store.ts';
import { DEFAULT_ACCOUNT } from './account.ts';
import { VirtualClock } from './clock.ts';
import { decodePathSegment, encodePathSegment, MAX_SEGMENT } from './path-segment.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tapstack-confine-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ESCAPES = [
  '.',
  '..',
  '',
  '\0',
  '/',
  '\\',
  '../x',
  'a/../../b',
  '..%2F..',
  '%2E%2E',
  '~',
  '.name',
  'x'.repeat(600),
  '\ud800',
];
const name = fc.oneof(
  fc.constantFrom(...ESCAPES),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('.', '/', '\\', '\0', 'a', '%', '~', 'é', '\ud83d'), maxLength: 24 }),
);
const RUNS = { numRuns: 60 };

let counter = 0;
/** A scratch tree: the service's folder, plus a canary file beside it and one above it. */
function tree(): { root: string; dir: string } {
  const root = join(scratch, String(counter++));
  const dir = join(root, 'data', 'service');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(root, 'canary'), 'above');
  writeFileSync(join(root, 'data', 'sibling'), 'beside');
  return { root, dir };
}

function files(root: string): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(root);
  return out;
}

/** Everything written sits inside `dir`, and both canaries are still there, unchanged. */
function assertConfined(root: string, dir: string): void {
  for (const file of files(root)) {
    const inside = relative(dir, file);
    const canary = file === join(root, 'canary') || file === join(root, 'data', 'sibling');
    if (!canary) expect(inside.startsWith(`..${sep}`) || inside === '..', file).toBe(false);
  }
  expect(readFileSync(join(root, 'canary'), 'utf8')).toBe('above');
  expect(readFileSync(join(root, 'data', 'sibling'), 'utf8')).toBe('beside');
}

describe('encodePathSegment', () => {
  it('never yields a dot name, a separator, NUL or an over-long segment, and reverses when not hashed', () => {
    fc.assert(
      fc.property(name, (value) => {
        const segment = encodePathSegment(value);
        expect(segment).not.toMatch(/^\./);
        expect(segment).not.toMatch(/[/\\\0]/);
        expect(segment.length).toBeGreaterThan(0);
        expect(segment.length).toBeLessThanOrEqual(MAX_SEGMENT + 1);
        const back = decodePathSegment(segment);
        if (back !== undefined) expect(back).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('gives two different names two different segments', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        fc.pre(a !== b);
        expect(encodePathSegment(a)).not.toBe(encodePathSegment(b));
      }),
      { numRuns: 500 },
    );
  });
});

describe('a random name never writes outside its folder', () => {
  it('log groups and streams (store level, no name validation in the way), through delete', async () => {
    await fc.assert(
      fc.asyncProperty(name, name, async (group, stream) => {
        const { root, dir } = tree();
        const store = new StreamStore(dir);
        store.append(group, stream, [{ timestamp: 1, ingestionTime: 1, message: 'm' }], 1);
        await store.flush();
        await store.close();
        assertConfined(root, dir);
        const reloaded = new StreamStore(dir);
        await reloaded.load();
        expect(reloaded.streamsOf(group).map((s) => s.streamName)).toEqual([stream]);
        expect((await reloaded.read(group, stream)).map((e) => e.message)).toEqual(['m']);
        reloaded.deleteGroup(group);
        await reloaded.close();
        assertConfined(root, dir);
      }),
      RUNS,
    );
  });

  it('log groups through the service (CreateLogGroup, PutLogEvents, DeleteLogGroup)', async () => {
    await fc.assert(
      fc.asyncProperty(name, name, async (group, stream) => {
        const { root, dir } = tree();
        const logs = new LogsService({
          dataDir: dir,
          clock: new VirtualClock(),
          account: DEFAULT_ACCOUNT,
          deliver: async () => {},
        });
        await logs.start();
        try {
          logs.createLogGroup({ logGroupName: group });
          logs.putLogEvents(group, stream, [{ timestamp: Date.UTC(2026, 0, 1), message: 'x' }]);
          await logs.close();
          assertConfined(root, dir);
          logs.deleteLogGroup(group);
        } catch (error) {
          // A name the service refuses is fine; it must refuse with an AWS error, not a file error.
          expect((error as Error).name).toMatch(/Exception$/);
        }
        await logs.close();
        assertConfined(root, dir);
      }),
      RUNS,
    );
  });

  it('queues', () => {
    fc.assert(
      fc.property(name, (queueName) => {
        const { root, dir } = tree();
        const store = new SqsStore(dir);
        store.add({
          name: queueName,
          createdAt: 0,
          lastModifiedAt: 0,
          attributes: {},
          tags: {},
          messages: [],
        });
        assertConfined(root, dir);
        expect(new SqsStore(dir).find(queueName)?.name).toBe(queueName);
        store.remove(queueName);
        expect(new SqsStore(dir).names()).toEqual([]);
        assertConfined(root, dir);
      }),
      RUNS,
    );
  });

  it('buckets and keys', () => {
    fc.assert(
      fc.property(name, name, (bucketName, key) => {
        const { root, dir } = tree();
        const store = new S3Store(dir);
        const bodyFile = store.writeBody(Buffer.from('body'));
        store.add({
          name: bucketName,
          createdAt: 0,
          region: 'us-east-1',
          versioning: 'Unversioned',
          objects: new Map([
            [key, [{ versionId: 'null', lastModified: 0, etag: '"e"', size: 4, bodyFile } as never]],
          ]),
          uploads: new Map(),
        });
        assertConfined(root, dir);
        const reloaded = new S3Store(dir).find(bucketName);
        expect(reloaded?.objects.has(key)).toBe(true);
        store.remove(bucketName);
        assertConfined(root, dir);
      }),
      RUNS,
    );
  });

  it('delivery stream buffers', () => {
    fc.assert(
      fc.property(name, (streamName) => {
        const { root, dir } = tree();
        const stream = { name: streamName } as unknown as StreamState;
        const pump = new StreamPump(stream, dir, new VirtualClock(), {} as never);
        expect(pump).toBeDefined();
        assertConfined(root, dir);
      }),
      RUNS,
    );
  });

  it('functions, tables, stacks and rules (kept by name inside one document)', () => {
    fc.assert(
      fc.property(name, (resourceName) => {
        const { root, dir } = tree();
        const functions = new FunctionStore(dir);
        functions.put({ config: { name: resourceName } } as unknown as FunctionRecord);
        expect(new FunctionStore(dir).get(resourceName)).toBeDefined();
        const tables = new TableSettingsStore(join(dir, 'table-settings.json'));
        tables.set(resourceName, { pointInTimeRecovery: { enabled: true } });
        expect(new TableSettingsStore(join(dir, 'table-settings.json')).get(resourceName)).toEqual({
          pointInTimeRecovery: { enabled: true },
        });
        const stacks = new StackStore(join(dir, 'stacks.json'), 10);
        stacks.put({
          stackName: resourceName,
          stackId: 'id',
          status: 'CREATE_COMPLETE',
          resources: {},
          outputs: [],
          imports: [],
          events: [],
          pendingCleanup: [],
        } as unknown as StackRecord);
        expect(new StackStore(join(dir, 'stacks.json'), 10).get(resourceName)).toBeDefined();
        const events = new EventsService({
          dataDir: dir,
          clock: new VirtualClock(),
          account: DEFAULT_ACCOUNT,
          invokeLambda: async () => {},
        });
        try {
          events.putRule({ name: resourceName, scheduleExpression: 'rate(1 day)' });
        } catch (error) {
          expect((error as Error).name).toBe('ValidationException');
        }
        events.close();
        assertConfined(root, dir);
      }),
      RUNS,
    );
  });
});
