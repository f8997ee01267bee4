import { createHash } from 'node:crypto';

/**
 * Event ids that stay the same for an event whatever the query's window or a retention sweep
 * (`tapstack logs --follow` de-duplicates by them); an index in the result shifted with both.
 * Identical events (same stream, times and message) are told apart by their order.
 */
export function withEventIds<
  E extends { logStreamName: string; timestamp: number; ingestionTime: number; message: string },
>(events: readonly E[]): [E, string][] {
  const seen = new Map<string, number>();
  return events.map((e) => {
    const digest = createHash('sha1')
      .update(`${e.logStreamName}\u0000${e.ingestionTime}\u0000${e.message}`)
      .digest('hex')
      .slice(0, 16);
    const base = `${e.timestamp}-${digest}`;
    const repeat = seen.get(base) ?? 0;
    seen.set(base, repeat + 1);
    return [e, repeat === 0 ? base : `${base}-${repeat}`];
  });
}
