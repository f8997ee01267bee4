import type { AccountContext } from '../../../runtime/account.ts';
import type { Clock } from '../../../runtime/clock.ts';
import type { StreamStore } from '../stream-store.ts';

/** What the control-plane operations get. */
export interface FirehoseContext {
  readonly streams: StreamStore;
  readonly clock: Clock;
  readonly account: AccountContext;
}
