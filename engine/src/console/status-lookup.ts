/**
 * The statuses of chosen requests (`GET api/statuses?ids=a,b&from=&to=`): the Requests page asks
 * for those of the rows in view that its live stream sent without one, so a live tab does not read
 * every access-log line. One FilterLogEvents naming only those ids (`?"id"` terms) over the span
 * of their access lines; only lines whose requestId is one of them are answered.
 */
import { ConsoleInputError, type ConsoleSource } from './source.ts';

/** Ids one lookup names (FilterLogEvents patterns stay short; a view shows far fewer rows). */
export const MAX_LOOKUP_IDS = 100;
const MAX_ID_LENGTH = 128;
/** The widest span a lookup may cover: the largest window (24 h) and an hour of margin. */
const MAX_SPAN_MS = 25 * 3_600_000;
/** Printable ASCII without the list separator and FilterLogEvents' quote. */
const ID = /^[\x21\x23-\x2b\x2d-\x7e]+$/;

export interface StatusLookup {
  readonly ids: readonly string[];
  readonly from: number;
  readonly to: number;
}

export function parseStatusLookup(q: URLSearchParams): StatusLookup {
  const ids = (q.get('ids') ?? '').split(',').filter((id) => id !== '');
  if (ids.length === 0) throw new ConsoleInputError('statuses needs ids: request ids separated by commas');
  if (ids.length > MAX_LOOKUP_IDS)
    throw new ConsoleInputError(`statuses takes at most ${MAX_LOOKUP_IDS} ids, got ${ids.length}`);
  const bad = ids.find((id) => id.length > MAX_ID_LENGTH || !ID.test(id));
  if (bad !== undefined)
    throw new ConsoleInputError(
      `statuses ids: ${JSON.stringify(bad.slice(0, 40))} is not a request id (printable, no comma or quote, at most ${MAX_ID_LENGTH} characters)`,
    );
  const instant = (name: 'from' | 'to'): number => {
    const text = q.get(name) ?? '';
    const value = Number(text);
    if (!/^\d{1,15}$/.test(text) || !Number.isSafeInteger(value))
      throw new ConsoleInputError(`statuses ${name} must be epoch milliseconds, got ${JSON.stringify(text)}`);
    return value;
  };
  const from = instant('from');
  const to = instant('to');
  if (to < from) throw new ConsoleInputError(`statuses to (${to}) is before from (${from})`);
  if (to - from > MAX_SPAN_MS)
    throw new ConsoleInputError(
      `statuses spans at most ${MAX_SPAN_MS / 3_600_000} h, got ${(to - from) / 3_600_000} h`,
    );
  return { ids, from, to };
}

/** [requestId, status] of each named request whose access line is in [from, to]. */
export async function lookupStatuses(
  source: Pick<ConsoleSource, 'accessLines'>,
  lookup: StatusLookup,
): Promise<[string, number][]> {
  const wanted = new Set(lookup.ids);
  const found = new Map<string, number>();
  for (const line of await source.accessLines(lookup.from, { to: lookup.to, requestIds: lookup.ids }))
    if (wanted.has(line.requestId)) found.set(line.requestId, line.status);
  return [...found];
}
