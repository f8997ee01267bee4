/**
 * The values behind one metric minute, kept bounded so percentiles can be computed later.
 *
 * Up to EXACT_CAP distinct values are kept exactly as (value, count) pairs: a percentile over them
 * is exact. Past that the minute switches to a log-bucketed sketch (the DDSketch scheme): bucket i
 * counts the values in (γ^(i-1), γ^i] with γ = (1 + α) / (1 - α), and a bucket answers with
 * 2γ^i / (γ + 1), which is within α = 1% of every value in it (relative error, clamped to the
 * minute's exact minimum and maximum). At most MAX_BUCKETS buckets are kept; past that the lowest
 * two are merged (only the lowest percentiles lose precision). A minute therefore stores at most
 * 64 pairs or 2,048 bucket counts whatever the request rate.
 *
 * The object is plain JSON so it persists with the metric state (cloudwatch.json) unchanged.
 */
export interface ValueDistribution {
  /** Exact (value, count) pairs while there are at most EXACT_CAP distinct values. */
  exact?: [number, number][];
  /** Sketch counts by bucket index, once the exact pairs overflowed. */
  buckets?: Record<string, number>;
  /** Zeros counted in the sketch form (log buckets cannot hold them). */
  zeros?: number;
  /** A negative value was published: CloudWatch reports no percentiles for such a metric. */
  negative?: true;
}

export const EXACT_CAP = 64;
export const MAX_BUCKETS = 2_048;
export const RELATIVE_ERROR = 0.01;
const GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);

/** Adds `count` copies of `value`; returns the distribution (created when absent). */
export function addValue(
  distribution: ValueDistribution | undefined,
  value: number,
  count = 1,
): ValueDistribution {
  const d = distribution ?? { exact: [] };
  if (value < 0) {
    d.negative = true;
    return d;
  }
  if (d.exact) {
    const pair = d.exact.find(([v]) => v === value);
    if (pair) pair[1] += count;
    else d.exact.push([value, count]);
    if (d.exact.length > EXACT_CAP) toSketch(d);
    return d;
  }
  addToSketch(d, value, count);
  return d;
}

/** Adds every value of `source` into `target` (mutates target). */
export function mergeInto(target: ValueDistribution, source: ValueDistribution): void {
  if (source.negative) target.negative = true;
  if (source.exact) {
    for (const [value, count] of source.exact) addValue(target, value, count);
    return;
  }
  if (target.exact) toSketch(target);
  target.zeros = (target.zeros ?? 0) + (source.zeros ?? 0);
  target.buckets ??= {};
  const buckets = target.buckets;
  for (const [index, count] of Object.entries(source.buckets ?? {})) {
    buckets[index] = (buckets[index] ?? 0) + count;
  }
  capBuckets(target);
}

export function cloneDistribution(d: ValueDistribution): ValueDistribution {
  return {
    ...(d.exact ? { exact: d.exact.map(([v, c]) => [v, c] as [number, number]) } : {}),
    ...(d.buckets ? { buckets: { ...d.buckets } } : {}),
    ...(d.zeros ? { zeros: d.zeros } : {}),
    ...(d.negative ? { negative: true as const } : {}),
  };
}

/**
 * The distribution as ascending (value, count) pairs: the exact pairs, or each bucket's
 * representative value clamped to [min, max] (the aggregate's exact extremes).
 */
export function sortedPairs(d: ValueDistribution, min: number, max: number): [number, number][] {
  if (d.exact) return [...d.exact].sort((a, b) => a[0] - b[0]);
  const pairs: [number, number][] = d.zeros ? [[0, d.zeros]] : [];
  const indexes = Object.keys(d.buckets ?? {})
    .map(Number)
    .sort((a, b) => a - b);
  for (const index of indexes) {
    const representative = (2 * GAMMA ** index) / (GAMMA + 1);
    pairs.push([Math.min(max, Math.max(min, representative)), d.buckets?.[index] ?? 0]);
  }
  return pairs;
}

function toSketch(d: ValueDistribution): void {
  const pairs = d.exact ?? [];
  delete d.exact;
  d.buckets ??= {};
  for (const [value, count] of pairs) addToSketch(d, value, count);
}

function addToSketch(d: ValueDistribution, value: number, count: number): void {
  if (value === 0) {
    d.zeros = (d.zeros ?? 0) + count;
    return;
  }
  d.buckets ??= {};
  const buckets = d.buckets;
  const index = Math.ceil(Math.log(value) / LOG_GAMMA);
  const previous = buckets[index];
  buckets[index] = (previous ?? 0) + count;
  // Only a new bucket can break the cap (counting the keys on every value would cost O(buckets)).
  if (previous === undefined) capBuckets(d);
}

function capBuckets(d: ValueDistribution): void {
  const buckets = d.buckets;
  if (!buckets) return;
  const keys = Object.keys(buckets);
  if (keys.length <= MAX_BUCKETS) return;
  const indexes = keys.map(Number).sort((a, b) => a - b);
  while (indexes.length > MAX_BUCKETS) {
    const lowest = indexes.shift() as number;
    const next = indexes[0] as number;
    buckets[next] = (buckets[next] ?? 0) + (buckets[lowest] ?? 0);
    delete buckets[lowest];
  }
}
