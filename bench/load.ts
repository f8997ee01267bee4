import autocannon from 'autocannon';

export interface LoadResult {
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  /** The `x-bench-id` of every request answered 2xx: each must have written its item. */
  readonly okIds: ReadonlySet<string>;
}

/** The header each request carries its own id in (the function stores request headers). */
export const BENCH_ID_HEADER = 'x-bench-id';
/** The id of the one request sent before a load run (not counted in the item check). */
export const WARM_UP_ID = 'warm-up';

/** True for the requests of a warm-up (the first request, and a warm-up load's `warm-up-N`). */
export const isWarmUpId = (id: string | undefined): boolean =>
  id === WARM_UP_ID || (id?.startsWith(`${WARM_UP_ID}-`) ?? false);

/**
 * Load of the same shape, not measured, before a measured run: V8 compiles the hot code of a
 * server in its first seconds under load (on its background threads), and both sides of a ratio
 * are compared once that is done. Its requests carry `warm-up-N` ids.
 */
export const warmUpLoad = (url: string, connections: number, seconds: number): Promise<LoadResult> =>
  postLoad(url, connections, seconds, `${WARM_UP_ID}-`);

/**
 * Small JSON POSTs for `seconds` at a fixed number of connections; bounded in time, loopback only.
 * Each request carries a unique id, and the ids answered 2xx are returned, so the items written can
 * be checked one by one: the requests in flight when the run stops were written but never counted.
 */
export async function postLoad(
  url: string,
  connections: number,
  seconds: number,
  idPrefix = '',
): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error(`load targets 127.0.0.1 only, not ${url}`);
  const okIds = new Set<string>();
  let next = 0;
  const body = JSON.stringify({ event: 'bench', value: 42, tags: ['a', 'b'] });
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        body,
        setupRequest: (request, context) => {
          const id = `${idPrefix}${next++}`;
          (context as { id?: string }).id = id;
          return { ...request, headers: { 'content-type': 'application/json', [BENCH_ID_HEADER]: id } };
        },
        onResponse: (status, _body, context) => {
          const id = (context as { id?: string }).id;
          if (status >= 200 && status < 300 && id !== undefined) okIds.add(id);
        },
      },
    ],
  });
  return {
    connections,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    okIds,
  };
}
