/**
 * The live part of the Requests view, read from the table: only what is new since the last tick.
 * It serves a tab that filters by status (it needs every row's) and a console reading an AWS
 * account; inside the engine, a rows-only tab is told each stored request instead (pushed-feed.ts).
 *
 * A tick reads the ByTime index from a cursor (the instant of the previous read) minus an overlap
 * and sends only the rows it had not sent. The overlap is how late a request can be stored after
 * its Timestamp (the instant it arrived), measured on the rows themselves: a row first found with a
 * Timestamp before the previous read's instant was stored at least that much later than it arrived.
 * The overlap is the largest such lag of the last ticks plus half a second (at least half a second).
 * A slower request (an integration may take up to its 30 s timeout) is found by the sweep: every
 * twentieth reading tick, one `Select: COUNT` of the 40 s before the overlap is compared with the
 * rows the feed holds there, and only when they differ is that span read again.
 *
 * Statuses come from the access log. A feed made `withStatuses` (a tab filtering by status needs
 * every row's) also reads the access lines from the same cursor on each tick, takes their
 * ingestion lag into the overlap, and in the sweep looks up the rows still without a status with
 * one FilterLogEvents naming only them. A feed without them reads rows only: the page asks for the
 * statuses of the rows in view (console-server's `statuses`), which halves what a live tab costs.
 *
 * So a request served under load is read about (1 + overlap / tick) times, not (window / tick).
 * A tick where no log stream changed (DescribeLogStreams metadata) reads nothing and keeps the
 * cursor where it was, so what was written meanwhile is read by the next tick that reads; after a
 * tick that found new rows that check is skipped (under load it always says "changed").
 */
import { type FeedUpdate, type LiveFeed, MAX_TICK_ROWS } from './live-feed.ts';
import type { AccessStatus, RequestRow } from './source.ts';
import { MAX_LOOKUP_IDS } from './status-lookup.ts';

/** The reads a feed makes: ConsoleSource's, which go through the engine's own service operations. */
export interface FeedReader {
  now(): number;
  logsVersion(): Promise<string>;
  requests(from: number, to: number, limit: number): Promise<RequestRow[]>;
  accessLines(
    from: number,
    options?: { readonly to?: number; readonly requestIds?: readonly string[] },
  ): Promise<AccessStatus[]>;
  countRequests(from: number, to: number): Promise<number>;
}

export const MIN_OVERLAP_MS = 500;
export const MAX_OVERLAP_MS = 30_000;
export const LAG_MARGIN_MS = 500;
/** The sweep's span: past API Gateway's 30 s integration timeout. */
export const SWEEP_MS = 40_000;
export const SWEEP_EVERY = 20;
/** Ticks whose largest lag the overlap follows. */
const LAG_TICKS = 10;
/** How long rows and early statuses are held (past the sweep's reach). */
const KEEP_MS = SWEEP_MS + MAX_OVERLAP_MS;

interface Held {
  readonly at: number;
  status: number;
  readonly api: boolean;
}

const API_SOURCE = 'API Gateway';

export class RequestsFeed implements LiveFeed {
  private readonly held = new Map<string, Held>();
  /** Statuses whose access line came before the feed read the item (id -> status, time). */
  private readonly early = new Map<string, { status: number; at: number }>();
  private readonly lags: number[] = [];
  private version: string | undefined;
  private busy = false;
  private reads = 0;
  private cursor: number;
  private readonly sweepEvery: number;

  private readonly withStatuses: boolean;

  /** `startAt`: the engine instant the first watcher's own read of the window began. */
  constructor(
    private readonly reader: FeedReader,
    startAt: number,
    options: { readonly sweepEvery?: number; readonly withStatuses?: boolean } = {},
  ) {
    this.cursor = startAt;
    this.sweepEvery = options.sweepEvery ?? SWEEP_EVERY;
    this.withStatuses = options.withStatuses ?? true;
  }

  /** True until the first tick that read: rows given to `seed` until then are not sent again. */
  get fresh(): boolean {
    return this.reads === 0;
  }

  /**
   * Rows (with statuses) the first watcher read itself: held so that the first sweep does not read
   * them again. Ignored once the feed has read, because another watcher may not have them.
   */
  seed(rows: readonly RequestRow[]): void {
    if (!this.fresh) return;
    const keepFrom = this.reader.now() - KEEP_MS;
    for (const row of rows) {
      const at = Date.parse(row[1]);
      if (at >= keepFrom && !this.held.has(row[0]))
        this.held.set(row[0], { at, status: row[7], api: row[4] === API_SOURCE });
    }
  }

  /** The overlap the next read goes back before the cursor. */
  get overlapMs(): number {
    const lag = this.lags.length > 0 ? Math.max(...this.lags) : 0;
    return Math.min(MAX_OVERLAP_MS, Math.max(MIN_OVERLAP_MS, lag + LAG_MARGIN_MS));
  }

  async tick(): Promise<FeedUpdate | undefined> {
    // While requests keep coming (the last read found some) the streams surely changed: the
    // metadata check is skipped, two calls fewer on each tick under load.
    if (!this.busy) {
      const version = await this.reader.logsVersion();
      if (version === this.version) return undefined;
      this.version = version;
    }
    const now = this.reader.now();
    const from = this.cursor - this.overlapMs;
    const [rows, lines] = await Promise.all([
      this.reader.requests(from, now + 1_000, MAX_TICK_ROWS),
      this.withStatuses ? this.reader.accessLines(from) : [],
    ]);
    this.reads += 1;
    const update: FeedUpdate = { rows: [], statuses: [] };
    const lineLag = this.absorbLines(lines, update);
    const rowLag = this.absorbRows(rows, update, this.cursor);
    this.lags.push(Math.max(lineLag, rowLag));
    if (this.lags.length > LAG_TICKS) this.lags.shift();
    this.busy = update.rows.length > 0;
    this.cursor = now;
    if (this.reads % this.sweepEvery === 0) await this.sweep(now - SWEEP_MS, from - 1, update);
    this.prune(now - KEEP_MS);
    return update.rows.length > 0 || update.statuses.length > 0 ? update : undefined;
  }

  /** Late rows of [lower, upper] (a COUNT against what is held, a read only when they differ) and their statuses. */
  private async sweep(lower: number, upper: number, update: FeedUpdate): Promise<void> {
    if (upper <= lower) return;
    let held = 0;
    for (const row of this.held.values()) if (row.at >= lower && row.at <= upper) held += 1;
    if ((await this.reader.countRequests(lower, upper)) !== held)
      this.absorbRows(await this.reader.requests(lower, upper, MAX_TICK_ROWS), update);
    if (!this.withStatuses) return;
    const waiting: string[] = [];
    let oldest = upper;
    for (const [id, row] of this.held) {
      if (!row.api || row.status !== 0 || row.at < lower || row.at > upper) continue;
      waiting.push(id);
      oldest = Math.min(oldest, row.at);
      if (waiting.length >= MAX_LOOKUP_IDS) break;
    }
    if (waiting.length > 0)
      this.absorbLines(await this.reader.accessLines(oldest, { requestIds: waiting }), update);
  }

  /** Statuses of held rows that changed go out; the others wait for their row. Returns the largest lag. */
  private absorbLines(lines: readonly AccessStatus[], update: FeedUpdate): number {
    let lag = 0;
    for (const line of lines) {
      lag = Math.max(lag, line.ingestionTime - line.timestamp);
      const row = this.held.get(line.requestId);
      if (!row) {
        this.early.set(line.requestId, { status: line.status, at: line.timestamp });
        continue;
      }
      if (row.status === line.status) continue;
      row.status = line.status;
      update.statuses.push([line.requestId, line.status]);
    }
    return lag;
  }

  /**
   * Rows not held yet go out (with a status that came early). Returns how much later than its
   * Timestamp the latest-stored new row was stored, at least: one found now with a Timestamp before
   * `readBefore` (the previous read's instant) was not there when that read was made.
   */
  private absorbRows(rows: readonly RequestRow[], update: FeedUpdate, readBefore = -Infinity): number {
    let lag = 0;
    for (const row of rows) {
      if (this.held.has(row[0])) continue;
      const early = this.early.get(row[0]);
      if (early) {
        row[7] = early.status;
        this.early.delete(row[0]);
      }
      const at = Date.parse(row[1]);
      lag = Math.max(lag, readBefore - at);
      this.held.set(row[0], { at, status: row[7], api: row[4] === API_SOURCE });
      update.rows.push(row);
    }
    return lag;
  }

  /** Nothing is held open between ticks. */
  close(): void {}

  private prune(before: number): void {
    for (const [id, row] of this.held) if (row.at < before) this.held.delete(id);
    for (const [id, line] of this.early) if (line.at < before) this.early.delete(id);
  }
}
