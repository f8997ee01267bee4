/**
 * One tab's Requests stream. First the window, newest first, in slices that grow fourfold (the
 * newest minute, then 4, 16, 64 minutes...), so the page shows rows at once while older ones
 * arrive; each slice's statuses (its access-log lines, FilterLogEvents bounded to the slice) are
 * read while the next slice's rows are, so the rows in view get theirs first. Then the deltas of
 * the window's shared feed (feed-hub.ts), sent as they come (one `add` and one `status` message
 * per feed tick), without a row the first read already sent. The feed carries statuses only for a
 * tab that asked for them (it filters by status); otherwise new rows come without, and the page
 * looks up those of the rows in view. Recent rows the first read found before their access line
 * was logged are looked up by the stream itself a few times in the next 32 s (followUp).
 */
import type { FeedHub } from './feed-hub.ts';
import type { FeedUpdate } from './live-feed.ts';
import type { AccessStatus, ConsoleSource, RequestRow } from './source.ts';
import type { StreamSender, Tick } from './sse.ts';
import { lookupStatuses, MAX_LOOKUP_IDS, type StatusLookup } from './status-lookup.ts';

/** The most rows the first read of a window sends. */
export const MAX_ROWS = 100_000;
const FIRST_SLICE_MS = 60_000;
const SLICE_GROWTH = 4;

/**
 * A row of the first read this recent, without a status, may still get its access line: API
 * Gateway logs it after the response, up to the 30 s integration timeout after the request came.
 */
const LATE_LINE_MS = 35_000;
/** Stream ticks (one a second) after the first read at which such rows are looked up again. */
const FOLLOW_UP_TICKS: ReadonlySet<number> = new Set([1, 2, 4, 8, 16, 32]);
const LAST_FOLLOW_UP = 32;

type InitialReader = Pick<ConsoleSource, 'now' | 'requests' | 'accessLines'>;

export function requestsStream(
  source: InitialReader,
  hub: FeedHub,
  windowMs: number,
  withStatuses: boolean,
): Tick {
  /** Deltas that came while the first read was still being sent (sent right after it). */
  let queued: FeedUpdate[] | undefined = [];
  let first = true;
  /** Recent rows the first read sent without a status, and the ticks since (followUp). */
  let unresolved: StatusLookup | undefined;
  let ticksSince = 0;
  return async (sender) => {
    if (!first) {
      ticksSince += 1;
      if (unresolved && FOLLOW_UP_TICKS.has(ticksSince))
        unresolved = await followUp(source, unresolved, sender);
      if (ticksSince >= LAST_FOLLOW_UP) unresolved = undefined;
      return;
    }
    first = false;
    const send = (updates: readonly FeedUpdate[]) => {
      const rows = updates.flatMap((u) => u.rows);
      const statuses = updates.flatMap((u) => u.statuses);
      if (rows.length > 0) sender.send({ kind: 'add', rows });
      if (statuses.length > 0) sender.send({ kind: 'status', statuses });
    };
    /**
     * Ids of the first read, while a delta may still repeat one of its rows: a row stored after
     * this tab subscribed and before the first read reached it is in both. Every row stored before
     * the first read ended is in the deltas queued meanwhile or in the next one, so the ids are
     * dropped after that delta.
     */
    let firstIds: Set<string> | undefined;
    const unseen = (update: FeedUpdate): FeedUpdate => {
      const ids = firstIds;
      if (!ids) return update;
      return { rows: update.rows.filter((row) => !ids.has(row[0])), statuses: update.statuses };
    };
    const feed = hub.subscribe(windowMs, withStatuses, {
      push: (update) => {
        if (queued) queued.push(update);
        else {
          send([unseen(update)]);
          firstIds = undefined;
        }
      },
      problem: (message) => sender.send({ message }, 'problem'),
      get closed() {
        return sender.closed;
      },
    });
    const rows = await initialRead(source, windowMs, sender);
    if (rows) {
      feed.seed(rows);
      firstIds = new Set(rows.map((row) => row[0]));
      // A feed with statuses finds late access lines itself (its sweep).
      if (!withStatuses) unresolved = recentWithoutStatus(rows, source.now());
    }
    const waiting = (queued ?? []).map(unseen);
    queued = undefined;
    send(waiting);
  };
}

/**
 * The newest rows (at most one lookup's worth) the first read sent without a status and recent
 * enough for their access line to come yet: a request stored as the tab opened, answered after
 * its slice's access lines were read. The page looks up only rows that came live, so the stream
 * looks these up itself, a few times.
 */
function recentWithoutStatus(rows: readonly RequestRow[], now: number): StatusLookup | undefined {
  const recent = rows
    .filter((row) => row[7] === 0 && row[4] === 'API Gateway' && Date.parse(row[1]) >= now - LATE_LINE_MS)
    .slice(0, MAX_LOOKUP_IDS);
  if (recent.length === 0) return undefined;
  const times = recent.map((row) => Date.parse(row[1]));
  return { ids: recent.map((row) => row[0]), from: Math.min(...times), to: Math.max(...times) };
}

/** Sends the statuses found for `lookup`'s rows; returns the rows still without one. */
async function followUp(
  source: InitialReader,
  lookup: StatusLookup,
  sender: StreamSender,
): Promise<StatusLookup | undefined> {
  const statuses = await lookupStatuses(source, lookup);
  if (statuses.length === 0) return lookup;
  sender.send({ kind: 'status', statuses });
  const found = new Set(statuses.map(([id]) => id));
  const ids = lookup.ids.filter((id) => !found.has(id));
  return ids.length > 0 ? { ...lookup, ids } : undefined;
}

/**
 * Sends the window in growing slices, then its statuses; returns its rows with their statuses
 * (undefined when the page went away first).
 */
async function initialRead(
  source: InitialReader,
  windowMs: number,
  sender: StreamSender,
): Promise<RequestRow[] | undefined> {
  const now = source.now();
  const lower = now - windowMs;
  const all: RequestRow[] = [];
  let statuses: Promise<void> = Promise.resolve();
  let upper = now;
  let span = FIRST_SLICE_MS;
  let kind: 'reset' | 'older' = 'reset';
  while (!sender.closed) {
    const from = Math.max(lower, upper - span);
    const rows = all.length < MAX_ROWS ? await source.requests(from, upper, MAX_ROWS - all.length) : [];
    for (const row of rows) all.push(row);
    const done = from <= lower || all.length >= MAX_ROWS;
    sender.send({ kind, rows, done });
    // The slice's statuses are read while the next slice's rows are, and sent in slice order.
    const lines = source.accessLines(from, { to: upper });
    const previous = statuses;
    statuses = (async () => {
      const found = await lines;
      await previous;
      // `done` on the last slice's statuses: the window's first read is complete.
      sender.send({ kind: 'status', statuses: applyStatuses(rows, found), done });
    })();
    statuses.catch(() => {});
    if (done) break;
    kind = 'older';
    upper = from - 1;
    span *= SLICE_GROWTH;
  }
  await statuses;
  return sender.closed ? undefined : all;
}

/** Sets each row's status from its access line; returns the [id, status] pairs set. */
function applyStatuses(rows: readonly RequestRow[], lines: readonly AccessStatus[]): [string, number][] {
  const byId = new Map(rows.map((row) => [row[0], row]));
  const set: [string, number][] = [];
  for (const line of lines) {
    const row = byId.get(line.requestId);
    if (!row) continue;
    row[7] = line.status;
    set.push([line.requestId, line.status]);
  }
  return set;
}
