/**
 * Time arithmetic for stored requests. All inputs come from the event (never the wall clock), so a
 * retried invocation computes the same key, shard, TTL and S3 key.
 */

const SECONDS_PER_DAY = 86_400;

/** ISO-8601 UTC with milliseconds and `Z` (e.g. `2026-11-25T20:31:07.123Z`); sorts lexically. */
export function isoFromEpochMs(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * Normalises any ISO-8601 timestamp (EventBridge sends `2015-10-08T16:53:06Z`, without
 * milliseconds) to the stored form, so every Timestamp in the table sorts the same way.
 */
export function normalizeIso(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO-8601 timestamp: ${iso}`);
  return isoFromEpochMs(ms);
}

/**
 * The TTL value: epoch SECONDS `retentionDays` after the request.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html
 */
export function expiresAtSeconds(epochMs: number, retentionDays: number): number {
  return Math.floor(epochMs / 1000) + retentionDays * SECONDS_PER_DAY;
}

/** `YYYY/MM/DD` of the UTC date of an ISO timestamp, for S3 keys that list by day. */
export function datePath(iso: string): string {
  return iso.slice(0, 10).replaceAll('-', '/');
}
