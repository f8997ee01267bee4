/**
 * Write sharding for the table's `ByTime` index. Every request of one UTC day would otherwise share
 * one GSI partition (a hot key); spreading a day over {@link TIME_SHARD_COUNT} partitions keeps
 * writes parallel, and a reader covering a time range queries each `day#shard` partition.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-gsi-sharding.html
 *
 * Shared with the CLI ("requests between T1 and T2"), so the hash must never change once data exists.
 */

/** How many `TimeShard` partitions one UTC day is spread over (shards `00`..`15`). */
export const TIME_SHARD_COUNT = 16;

const DAY_MS = 86_400_000;
const utf8 = new TextEncoder();

/** 32-bit FNV-1a over the UTF-8 bytes: tiny, stable across runtimes and languages. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of utf8.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function parseIso(iso: string, label: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${label} is not an ISO-8601 timestamp: ${iso}`);
  return ms;
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function shardLabel(shard: number): string {
  return String(shard).padStart(2, '0');
}

/** The shard number (0..15) a request id always maps to. */
export function shardOf(requestId: string): number {
  return fnv1a(requestId) % TIME_SHARD_COUNT;
}

/**
 * The `TimeShard` partition value for a request: `YYYY-MM-DD#NN`, the UTC date of `timestamp` and
 * the request id's shard.
 */
export function timeShardOf(requestId: string, timestamp: string): string {
  return `${utcDay(parseIso(timestamp, 'timestamp'))}#${shardLabel(shardOf(requestId))}`;
}

/**
 * Every `TimeShard` partition value that can hold an item whose Timestamp lies in
 * [`fromIso`, `toIso`]: each UTC day of the range (inclusive) times every shard, in order.
 * Query each with `TimeShard = :p AND Timestamp BETWEEN :from AND :to` and merge.
 */
export function timeShardsBetween(fromIso: string, toIso: string): string[] {
  const from = parseIso(fromIso, 'from');
  const to = parseIso(toIso, 'to');
  if (from > to) throw new RangeError(`from (${fromIso}) is after to (${toIso})`);
  const partitions: string[] = [];
  const lastDay = utcDay(to);
  // Step from midnight of the first day so every calendar day is visited exactly once.
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; ; day += DAY_MS) {
    const label = utcDay(day);
    for (let shard = 0; shard < TIME_SHARD_COUNT; shard++) partitions.push(`${label}#${shardLabel(shard)}`);
    if (label === lastDay) return partitions;
  }
}
