/**
 * The Requests view's pushed feed inside a whole local cloud: requests go through the real HTTP
 * API and function, the engine's DynamoDB tells the feed what it stored, and what the feed sends is
 * compared with what the ByTime index answers for the same requests (through the real
 * ConsoleSource).
 */
import {
  CloudWatchLogsClient,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateTableCommand, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalCloud,
  postJson,
  STACK_NAME,
  startLocalCloud,
  TABLE_NAME,
} from '../../../test/support/local-cloud.fixture.ts';
import { storedRequestItem } from '../../../test/support/stored-request.fixture.ts';
import { waitUntil } from '../../../test/support/wait-until.fixture.ts';
import { VirtualClock } from '../index.ts';
import type { StoredItemListener } from '../services/dynamodb/index.ts';
import { FeedHub } from './feed-hub.ts';
import { PushedRequestsFeed, type PushSource, pushSourceOf } from './pushed-feed.ts';
import { requestsStream } from './requests-stream.ts';
import { ConsoleSource, type RequestRow } from './source.ts';

const HOUR = 3_600_000;

describe('the pushed Requests feed', () => {
  const clock = new VirtualClock(Date.UTC(2026, 4, 1, 12, 0));
  let cloud: LocalCloud;
  let source: ConsoleSource;
  let push: PushSource;
  let dynamo: DynamoDBClient;
  /** Watchers the console holds on the engine's DynamoDB now. */
  let watching = 0;
  let serial = 0;
  let logs: CloudWatchLogsClient;
  let accessStream = false;

  beforeAll(async () => {
    cloud = await startLocalCloud({ clock });
    const dynamodb = cloud.engine.services.dynamodb;
    source = new ConsoleSource(cloud.clientConfig, STACK_NAME, {
      now: () => clock.now(),
      nextFireAt: () => undefined,
      snsDeliveries: () => [],
      watchStoredItems: (listener: StoredItemListener) => {
        watching += 1;
        const unwatch = dynamodb.watchStoredItems(listener);
        return () => {
          watching -= 1;
          unwatch();
        };
      },
    });
    push = pushSourceOf(source) as PushSource;
    dynamo = cloud.dynamodb();
    logs = new CloudWatchLogsClient(cloud.clientConfig);
  });
  afterAll(async () => {
    source?.close();
    logs?.destroy();
    await cloud?.dispose();
  });

  const nextId = (prefix: string) => `${prefix}-${(serial++).toString(36)}`;
  /** Logs a request's access line as API Gateway does, at the current engine instant. */
  const logAccessLine = async (requestId: string, status: number) => {
    const logGroupName = (await source.stackHandles()).accessLogGroup ?? '';
    if (!accessStream) {
      await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 'pushed-feed-test' }));
      accessStream = true;
    }
    await logs.send(
      new PutLogEventsCommand({
        logGroupName,
        logStreamName: 'pushed-feed-test',
        logEvents: [
          { timestamp: clock.now(), message: JSON.stringify({ requestId, status: String(status) }) },
        ],
      }),
    );
  };
  const put = (item: Record<string, unknown>, table = TABLE_NAME) =>
    dynamo.send(new PutItemCommand({ TableName: table, Item: item as never }));

  it('sends each request stored since the last tick once, as the ByTime index shows it', async () => {
    const feed = new PushedRequestsFeed(push, HOUR);
    try {
      const answers = await Promise.all(
        ['/a', '/b/c'].map(async (path) => {
          const response = await postJson(`${cloud.apiUrl}${path}`, { path });
          expect(response.status).toBe(200);
          return String(response.json?.requestId);
        }),
      );
      const update = await feed.tick();
      const sent = (update?.rows ?? []).filter((row) => answers.includes(row[0]));
      expect(sent).toHaveLength(2);
      expect(update?.statuses).toEqual([]);
      const indexed = (await source.requests(clock.now() - 60_000, clock.now() + 1_000, 1_000)).filter(
        (row) => answers.includes(row[0]),
      );
      const byId = (rows: RequestRow[]) => [...rows].sort((a, b) => a[0].localeCompare(b[0]));
      expect(byId(sent)).toEqual(byId(indexed));
      expect(sent.map((row) => row[3]).sort()).toEqual(['/a', '/b/c']);
      expect(await feed.tick()).toBeUndefined();
    } finally {
      feed.close();
    }
  });

  it('leaves out items outside the index, older than the window, or in another table', async () => {
    await dynamo.send(
      new CreateTableCommand({
        TableName: 'elsewhere',
        AttributeDefinitions: [{ AttributeName: 'RequestId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'RequestId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const feed = new PushedRequestsFeed(push, HOUR);
    try {
      const shown = nextId('shown');
      const unindexed = storedRequestItem(nextId('no-shard'), clock.now(), '/x');
      delete unindexed.TimeShard;
      await put(storedRequestItem(shown, clock.now(), '/shown'));
      await put(unindexed);
      await put(storedRequestItem(nextId('old'), clock.now() - 2 * HOUR, '/old'));
      await put(storedRequestItem(nextId('other'), clock.now(), '/other'), 'elsewhere');
      expect((await feed.tick())?.rows.map((row) => row[0])).toEqual([shown]);
    } finally {
      feed.close();
    }
  });

  it('watches while a tab is subscribed, and stops watching when the last tab goes away', async () => {
    const hub = new FeedHub(source, push);
    const tab = { rows: [] as RequestRow[], closed: false };
    try {
      hub.subscribe(HOUR, false, {
        push: (update) => tab.rows.push(...update.rows),
        problem: () => {},
        get closed() {
          return tab.closed;
        },
      });
      expect(watching).toBe(1);
      const id = nextId('hub');
      await put(storedRequestItem(id, clock.now(), '/hub'));
      await waitUntil(() => tab.rows.some((row) => row[0] === id));
      tab.closed = true;
      await waitUntil(() => hub.size === 0);
      expect(watching).toBe(0);
    } finally {
      hub.close();
    }
  });

  /**
   * Opens a tab's Requests stream whose first read finds `during` stored just before it reads the
   * table (after the tab subscribed), with its access line already logged or not; then stores one
   * more request and waits until that one came live. Returns the messages and the stream's tick.
   */
  const streamWithRowStoredDuringFirstRead = async (during: string, logged: boolean) => {
    const hub = new FeedHub(source, push);
    const messages: { kind: string; rows?: RequestRow[]; statuses?: [string, number][] }[] = [];
    const sender = {
      closed: false,
      send: (data: unknown) => messages.push(data as (typeof messages)[number]),
      end: () => {},
    };
    let stored = false;
    const reader = {
      now: () => source.now(),
      accessLines: source.accessLines.bind(source),
      requests: async (from: number, to: number, limit: number) => {
        if (!stored) {
          stored = true;
          await put(storedRequestItem(during, clock.now(), '/during'));
          if (logged) await logAccessLine(during, 200);
        }
        return source.requests(from, to, limit);
      },
    };
    const tick = requestsStream(reader, hub, HOUR, false);
    await tick(sender);
    const later = nextId('later');
    await put(storedRequestItem(later, clock.now(), '/later'));
    const sentRows = () =>
      messages.flatMap((m) => (m.rows ?? []).map((row) => [m.kind, row[0], row[7]] as const));
    await waitUntil(() => sentRows().some(([, id]) => id === later));
    return {
      rowsOf: (id: string) => sentRows().filter(([, sent]) => sent === id),
      statusesOf: (id: string) => messages.flatMap((m) => (m.statuses ?? []).filter(([sent]) => sent === id)),
      tick: () => tick(sender),
      close: () => {
        sender.closed = true;
        hub.close();
      },
    };
  };

  it("sends a row stored during a tab's first read with its status once, not in the read and again live", async () => {
    const during = nextId('during');
    const stream = await streamWithRowStoredDuringFirstRead(during, true);
    try {
      expect(stream.rowsOf(during)).toEqual([['reset', during, 200]]);
    } finally {
      stream.close();
    }
  });

  it('sends the status of a row the first read found before its access line, once the line is logged', async () => {
    const during = nextId('unlogged');
    const stream = await streamWithRowStoredDuringFirstRead(during, false);
    try {
      expect(stream.rowsOf(during)).toEqual([['reset', during, 0]]);
      // The stream's next tick looks it up: no line yet, nothing sent.
      await stream.tick();
      expect(stream.statusesOf(during)).toEqual([]);
      await logAccessLine(during, 201);
      await stream.tick();
      expect(stream.statusesOf(during)).toEqual([[during, 201]]);
    } finally {
      stream.close();
    }
  });
});
