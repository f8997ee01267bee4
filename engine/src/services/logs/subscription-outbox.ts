import { guard } from '../../runtime/background-task.ts';
import type { TimerHandle } from '../../runtime/clock.ts';
import { compileFilterPattern } from './filter-pattern.ts';
import type { SubscriptionFilter } from './model.ts';
import type { LogsServiceOptions } from './service.ts';
import type { StoredEvent } from './stream-store.ts';
import { buildEnvelope } from './subscription-envelope.ts';

/** Subscription deliveries are batched per stream for this long (AWS delivers within seconds). */
const SUBSCRIPTION_BATCH_MS = 1_000;

interface Batch {
  readonly filter: SubscriptionFilter;
  readonly group: string;
  readonly stream: string;
  readonly events: StoredEvent[];
}

/**
 * The events a subscription filter selected, batched per group, stream and filter and delivered as
 * one gzip envelope each after a short delay.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/logs/SubscriptionFilters.html
 */
export class SubscriptionOutbox {
  private readonly batches = new Map<string, Batch>();
  private timer: TimerHandle | undefined;
  private sequence = 0;

  constructor(
    private readonly options: Pick<LogsServiceOptions, 'clock' | 'account' | 'deliver' | 'onDeliveryError'>,
  ) {}

  enqueue(filter: SubscriptionFilter, group: string, stream: string, events: readonly StoredEvent[]): void {
    const matches = compileFilterPattern(filter.filterPattern);
    const selected = events.filter((event) => matches(event.message));
    if (selected.length === 0) return;
    const id = `${group}\u0000${stream}\u0000${filter.filterName}`;
    const batch = this.batches.get(id) ?? { filter, group, stream, events: [] };
    batch.events.push(...selected);
    this.batches.set(id, batch);
    this.timer ??= this.options.clock.setTimer(
      () => void guard('CloudWatch Logs subscription delivery', () => this.deliver()),
      SUBSCRIPTION_BATCH_MS,
    );
  }

  cancelTimer(): void {
    this.timer?.cancel();
  }

  /** Sends every batched payload now; a failed delivery is reported and not retried. */
  async deliver(): Promise<void> {
    this.timer = undefined;
    const batches = [...this.batches.values()];
    this.batches.clear();
    for (const batch of batches) {
      const payload = buildEnvelope(
        this.options.account.accountId,
        batch.group,
        batch.stream,
        batch.filter.filterName,
        batch.events,
        this.sequence,
      );
      this.sequence += batch.events.length;
      try {
        await this.options.deliver?.(batch.filter.destinationArn, payload);
      } catch (error) {
        this.options.onDeliveryError?.(batch.filter.destinationArn, error);
      }
    }
  }
}
