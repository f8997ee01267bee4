import type { AccountContext } from '../../runtime/account.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { BucketState } from './model.ts';
import type { S3Caller } from './policy.ts';
import type { S3Store } from './store.ts';

/** What every S3 operation gets: the store, the time, the account and the bucket-policy check. */
export interface S3Context {
  readonly store: S3Store;
  readonly clock: Clock;
  readonly account: AccountContext;
  /** Throws AccessDenied when the bucket's policy denies `action` to `caller`. */
  authorize(caller: S3Caller, action: string, bucket: BucketState, key?: string): void;
}
