import type { RouteSettings } from './model.ts';

/**
 * Token-bucket throttling as HTTP API stages apply it: each route of a stage has a bucket holding
 * at most `ThrottlingBurstLimit` tokens, refilled at `ThrottlingRateLimit` tokens per second; a
 * request takes one token or is answered 429. Route settings override the stage defaults field by field.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */
export interface BucketState {
  readonly tokens: number;
  readonly updatedAt: number;
}

export interface BucketLimits {
  /** Tokens per second. */
  readonly rate: number;
  /** Bucket capacity. */
  readonly burst: number;
}

/**
 * Regional account-level limits (10,000 rps, burst 5,000): applied to all requests of the service,
 * and to the missing half when a stage sets only a rate or only a burst.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 */
export const ACCOUNT_LIMITS: BucketLimits = { rate: 10_000, burst: 5_000 };

/** The bucket key of the account-level quota (API keys never start with `*`). */
export const ACCOUNT_BUCKET = '*account*';

/** Refills for the time elapsed, then takes one token if there is one. A new bucket starts full. */
export const takeToken = (
  state: BucketState | undefined,
  now: number,
  limits: BucketLimits,
): { readonly allowed: boolean; readonly state: BucketState } => {
  const previous = state ?? { tokens: limits.burst, updatedAt: now };
  const elapsedSeconds = Math.max(0, now - previous.updatedAt) / 1000;
  const tokens = Math.min(limits.burst, previous.tokens + elapsedSeconds * limits.rate);
  if (tokens >= 1) return { allowed: true, state: { tokens: tokens - 1, updatedAt: now } };
  return { allowed: false, state: { tokens, updatedAt: now } };
};

/** The limits for one route of a stage, or undefined when neither the route nor the stage sets any. */
export const effectiveLimits = (
  defaults: RouteSettings | undefined,
  route: RouteSettings | undefined,
): BucketLimits | undefined => {
  const rate = route?.ThrottlingRateLimit ?? defaults?.ThrottlingRateLimit;
  const burst = route?.ThrottlingBurstLimit ?? defaults?.ThrottlingBurstLimit;
  if (rate === undefined && burst === undefined) return undefined;
  return { rate: rate ?? ACCOUNT_LIMITS.rate, burst: burst ?? ACCOUNT_LIMITS.burst };
};

/** The mutable set of buckets of one service instance, keyed by api/stage/route. */
export class TokenBuckets {
  private readonly buckets = new Map<string, BucketState>();

  take(key: string, now: number, limits: BucketLimits): boolean {
    const { allowed, state } = takeToken(this.buckets.get(key), now, limits);
    this.buckets.set(key, state);
    return allowed;
  }

  /** Forgets every bucket whose key starts with `prefix` (a deleted API or stage). */
  clear(prefix: string): void {
    for (const key of [...this.buckets.keys()]) if (key.startsWith(prefix)) this.buckets.delete(key);
  }
}
