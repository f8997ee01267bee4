/**
 * The Requests view's live feed against a whole local cloud on a virtual clock, reading through
 * the real ConsoleSource (AWS SDK calls to the engine's own operations). Requests are stored the
 * way the function stores them (BatchWriteItem with the ByTime keys) with their access lines
 * (PutLogEvents), so a test can place a request at any instant, late or in a burst. A counting
 * wrapper records what each read returned: the tests assert what was read, not how fast. The
 * page's status lookup for the rows in view is asked over HTTP, as the page asks it.
 */
import {
  CloudWatchLogsClient,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalCloud,
  STACK_NAME,
  startLocalCloud,
  TABLE_NAME,
} from '../../../test/support/local-cloud.fixture.ts';
import { storedRequestItem } from '../../../test/support/stored-request.fixture.ts';
import { waitUntil } from '../../../test/support/wait-until.fixture.ts';
import { VirtualClock } from '../index.ts';
import { FeedHub } from './feed-hub.ts';
import { type FeedReader, LAG_MARGIN_MS, MIN_OVERLAP_MS, RequestsFeed } from './requests-feed.ts';
import { type AccessStatus, ConsoleSource, type RequestRow } from './source.ts';

const SECOND = 1_000;

/** Passes every read through to the real source and counts what came back. */
class CountingReader implements FeedReader {
  rows = 0;
  lines = 0;
  counts = 0;
  reads: string[] = [];
  constructor(private readonly source: ConsoleSource) {}
  reset(): void {
    this.rows = 0;
    this.lines = 0;
    this.counts = 0;
    this.reads = [];
  }
  now(): number {
    return this.source.now();
  }
  logsVersion(): Promise<string> {
    return this.source.logsVersion();
  }
  async requests(from: number, to: number, limit: number): Promise<RequestRow[]> {
    this.reads.push('requests');
    const rows = await this.source.requests(from, to, limit);
    this.rows += rows.length;
    return rows;
  }
  async accessLines(
    from: number,
    options?: { readonly to?: number; readonly requestIds?: readonly string[] },
  ): Promise<AccessStatus[]> {
    this.reads.push(options?.requestIds ? 'lookup' : 'lines');
    const lines = await this.source.accessLines(from, options);
    this.lines += lines.length;
    return lines;
  }
  async countRequests(from: number, to: number): Promise<number> {
    this.counts += 1;
    return this.source.countRequests(from, to);
  }
}

interface Stored {
  readonly id: string;
  readonly at: number;
  /** When given, its access line is logged with this status (ingested now). */
  readonly status?: number;
}

describe('the Requests live feed', () => {
  const clock = new VirtualClock(Date.UTC(2026, 4, 1, 12, 0));
  let cloud: LocalCloud;
  let source: ConsoleSource;
  let dynamo: DynamoDBClient;
  let logs: CloudWatchLogsClient;
  let accessGroup: string;
  let serial = 0;

  beforeAll(async () => {
    cloud = await startLocalCloud({ clock });
    source = new ConsoleSource(cloud.clientConfig, STACK_NAME, {
      now: () => clock.now(),
      nextFireAt: () => undefined,
      snsDeliveries: () => [],
    });
    dynamo = new DynamoDBClient(cloud.clientConfig);
    logs = new CloudWatchLogsClient(cloud.clientConfig);
    accessGroup = (await source.stackHandles()).accessLogGroup ?? '';
    await logs.send(new CreateLogStreamCommand({ logGroupName: accessGroup, logStreamName: 'feed-test' }));
  });
  afterAll(async () => {
    source?.close();
    dynamo?.destroy();
    logs?.destroy();
    await cloud?.dispose();
  });

  /** Two minutes on: what earlier tests stored lies outside every read of a new feed. */
  const quietSpan = () => clock.advance(120 * SECOND);
  const ids = (n: number, prefix: string): string[] =>
    Array.from({ length: n }, () => `${prefix}-${(serial++).toString(36)}`);

  /** Stores requests as the function does, and logs the access lines of those that have a status. */
  const store = async (requests: readonly Stored[]): Promise<void> => {
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < requests.length; i += 25) {
      writes.push(
        dynamo.send(
          new BatchWriteItemCommand({
            RequestItems: {
              [TABLE_NAME]: requests
                .slice(i, i + 25)
                .map(({ id, at }) => ({ PutRequest: { Item: storedRequestItem(id, at, '/feed') } })),
            },
          }),
        ),
      );
      if (writes.length >= 8) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
    const lines = requests
      .filter((r) => r.status !== undefined)
      .sort((a, b) => a.at - b.at)
      .map((r) => ({
        timestamp: r.at,
        message: JSON.stringify({ requestId: r.id, status: String(r.status) }),
      }));
    await logLines(lines);
  };
  const logLines = async (events: { timestamp: number; message: string }[]): Promise<void> => {
    for (let i = 0; i < events.length; i += 5_000)
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: accessGroup,
          logStreamName: 'feed-test',
          logEvents: events.slice(i, i + 5_000),
        }),
      );
  };
  /** A line no request owns: the log streams change, so the next tick reads. */
  const touchLogs = () => logLines([{ timestamp: clock.now(), message: '{"note":"unrelated"}' }]);

  it('reads on each tick only the requests stored since the last one, and nothing while the logs stand still', async () => {
    await quietSpan();
    const reader = new CountingReader(source);
    const feed = new RequestsFeed(reader, clock.now());
    // Answered at once (access lines logged as they arrive), 3 s before the tick: past the next
    // tick's overlap, which reaches half a second before this tick's instant.
    await clock.advance(2 * SECOND);
    const first = ids(5, 'a');
    await store(first.map((id, i) => ({ id, at: clock.now() - i, status: 200 })));
    await clock.advance(3 * SECOND);
    const one = await feed.tick();
    expect(one?.rows.map((r) => r[0]).sort()).toEqual([...first].sort());
    expect(one?.rows.every((r) => r[7] === 200)).toBe(true);
    expect(reader.rows).toBe(5);

    await clock.advance(2 * SECOND);
    reader.reset();
    const second = ids(3, 'b');
    await store(second.map((id, i) => ({ id, at: clock.now() - i, status: 201 })));
    await clock.advance(3 * SECOND);
    const two = await feed.tick();
    expect(two?.rows.map((r) => r[0]).sort()).toEqual([...second].sort());
    // The cursor moved: the first five were not read again.
    expect(reader.rows).toBe(3);
    expect(reader.lines).toBe(3);

    // Right after a tick that found rows the metadata check is skipped: a read that finds nothing
    // new, then one that takes the streams' metadata again; from then on, while the logs stand
    // still, a tick reads nothing at all.
    reader.reset();
    expect(await feed.tick()).toBeUndefined();
    expect(await feed.tick()).toBeUndefined();
    expect(reader.rows).toBe(0);
    reader.reset();
    expect(await feed.tick()).toBeUndefined();
    expect(await feed.tick()).toBeUndefined();
    expect(reader.reads).toEqual([]);
  });

  it('shows a burst of 10,000 requests in one tick and reads only the overlap afterwards', async () => {
    await quietSpan();
    const reader = new CountingReader(source);
    const feed = new RequestsFeed(reader, clock.now());
    await clock.advance(2 * SECOND);
    const burst = ids(10_000, 'burst');
    // Over the last 900 ms, 3 s before the tick: all inside this tick's read, none in the next one's.
    await store(
      burst.map((id, i) => ({ id, at: clock.now() - Math.floor((i * 900) / burst.length), status: 200 })),
    );
    await clock.advance(3 * SECOND);
    const update = await feed.tick();
    expect(update?.rows).toHaveLength(10_000);
    expect(new Set(update?.rows.map((r) => r[0]))).toEqual(new Set(burst));
    expect(reader.rows).toBe(10_000);

    await clock.advance(2 * SECOND);
    reader.reset();
    const [after = ''] = ids(1, 'after');
    await store([{ id: after, at: clock.now(), status: 200 }]);
    await clock.advance(3 * SECOND);
    const next = await feed.tick();
    expect(next?.rows.map((r) => r[0])).toEqual([after]);
    expect(reader.rows).toBe(1);
    // The burst's oldest access line was logged 899 ms after its request arrived: the overlap follows.
    expect(feed.overlapMs).toBe(899 + LAG_MARGIN_MS);
  });

  it('finds a request stored later than the overlap by a COUNT sweep, which reads no rows when nothing is late', async () => {
    await quietSpan();
    const reader = new CountingReader(source);
    const feed = new RequestsFeed(reader, clock.now(), { sweepEvery: 2 });
    await clock.advance(5 * SECOND);
    const [early = ''] = ids(1, 'early');
    await store([{ id: early, at: clock.now(), status: 200 }]);
    await feed.tick();

    // A sweep with nothing late: one COUNT, and the only rows read are the tick's own.
    await clock.advance(5 * SECOND);
    reader.reset();
    await touchLogs();
    expect(await feed.tick()).toBeUndefined();
    expect(reader.counts).toBe(1);
    expect(reader.reads).toEqual(['requests', 'lines']);

    // Stored now, but arrived 20 s ago (a slow integration), with no access line yet.
    await clock.advance(5 * SECOND);
    const [late = ''] = ids(1, 'late');
    await store([{ id: late, at: clock.now() - 20 * SECOND }]);
    await touchLogs();
    reader.reset();
    expect(await feed.tick()).toBeUndefined();
    await clock.advance(5 * SECOND);
    await touchLogs();
    const swept = await feed.tick();
    expect(swept?.rows.map((r) => [r[0], r[7]])).toEqual([[late, 0]]);

    // Its access line, logged late too, reaches it through the sweep's lookup by id.
    await clock.advance(1 * SECOND);
    await logLines([
      { timestamp: clock.now() - 26 * SECOND, message: JSON.stringify({ requestId: late, status: '504' }) },
    ]);
    await feed.tick();
    await clock.advance(1 * SECOND);
    await touchLogs();
    const status = await feed.tick();
    expect(status?.statuses).toEqual([[late, 504]]);
  });

  it('without statuses reads no access line, and its overlap follows how late the rows were stored', async () => {
    await quietSpan();
    const reader = new CountingReader(source);
    const feed = new RequestsFeed(reader, clock.now(), { withStatuses: false });
    await clock.advance(2 * SECOND);
    const first = ids(3, 'rows');
    await store(first.map((id, i) => ({ id, at: clock.now() - i, status: 200 })));
    await clock.advance(3 * SECOND);
    const one = await feed.tick();
    expect(one?.rows.map((r) => r[0]).sort()).toEqual([...first].sort());
    // Sent without their status: the page looks up those in view.
    expect(one?.rows.map((r) => r[7])).toEqual([0, 0, 0]);
    expect(reader.reads).toEqual(['requests']);
    expect(feed.overlapMs).toBe(MIN_OVERLAP_MS);

    // Stored only now, though it arrived 400 ms before the last read's instant: the next read's
    // overlap (0.5 s) still reaches it, and from then on the overlap allows for that lag.
    const lastRead = clock.now();
    await clock.advance(2 * SECOND);
    reader.reset();
    const [late = ''] = ids(1, 'late-row');
    await store([{ id: late, at: lastRead - 400, status: 200 }]);
    const two = await feed.tick();
    expect(two?.rows.map((r) => r[0])).toEqual([late]);
    expect(reader.rows).toBe(1);
    expect(reader.lines).toBe(0);
    expect(feed.overlapMs).toBe(400 + LAG_MARGIN_MS);
  });

  it("answers the page's status lookup with the named requests' statuses only, and refuses bad input by name", async () => {
    await quietSpan();
    const [a = '', b = '', other = ''] = ids(3, 'lookup');
    const at = clock.now();
    await store([
      { id: a, at, status: 200 },
      { id: b, at: at + 5, status: 502 },
      { id: other, at: at + 10, status: 404 },
    ]);
    const { url, server } = cloud.engine.serveConsole(STACK_NAME);
    const ask = async (query: string) => {
      const res = await fetch(`${url}api/statuses?${query}`, {
        headers: { 'x-console-token': server.token },
      });
      return {
        status: res.status,
        body: (await res.json()) as { statuses?: [string, number][]; message?: string },
      };
    };
    const span = `from=${at}&to=${at + 60 * SECOND}`;
    const answered = await ask(`ids=${a},${b},never-logged&${span}`);
    expect(answered.status).toBe(200);
    expect(new Map(answered.body.statuses)).toEqual(
      new Map([
        [a, 200],
        [b, 502],
      ]),
    );

    const refusals: [string, RegExp][] = [
      [span, /statuses needs ids/],
      [`ids=${Array.from({ length: 101 }, (_, i) => `r${i}`).join(',')}&${span}`, /at most 100 ids, got 101/],
      [`ids=${encodeURIComponent('a"b')}&${span}`, /"a\\"b" is not a request id/],
      [`ids=${a}&from=soon&to=${at}`, /statuses from must be epoch milliseconds, got "soon"/],
      [`ids=${a}&from=${at}&to=${at - 1}`, /statuses to \(\d+\) is before from/],
      [`ids=${a}&from=0&to=${at}`, /statuses spans at most 25 h/],
    ];
    for (const [query, message] of refusals) {
      const refused = await ask(query);
      expect(refused.status, query).toBe(400);
      expect(refused.body.message, query).toMatch(message);
    }
    // Without the page's token nothing is read.
    expect((await fetch(`${url}api/statuses?ids=${a}&${span}`)).status).toBe(403);
  });

  it('shares one feed among the tabs watching a window and stops it when the last tab goes away', async () => {
    await quietSpan();
    const hub = new FeedHub(source);
    const tabs = [0, 1].map(() => ({ updates: 0, closed: false }));
    try {
      for (const tab of tabs)
        hub.subscribe(3_600_000, true, {
          push: () => {
            tab.updates += 1;
          },
          problem: () => {},
          get closed() {
            return tab.closed;
          },
        });
      expect(hub.size).toBe(1);
      await clock.advance(5 * SECOND);
      await store(ids(2, 'shared').map((id) => ({ id, at: clock.now(), status: 200 })));
      await waitUntil(() => tabs.every((tab) => tab.updates > 0));
      expect(tabs.map((tab) => tab.updates)).toEqual([1, 1]);
      for (const tab of tabs) tab.closed = true;
      await waitUntil(() => hub.size === 0);
    } finally {
      hub.close();
    }
  });
});
