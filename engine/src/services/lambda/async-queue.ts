import { join } from 'node:path';
import { guard } from '../../runtime/background-task.ts';
import type { Clock, TimerHandle } from '../../runtime/clock.ts';
import { StateFile } from '../../runtime/state-file.ts';
import { objectWith } from '../../runtime/state-file-error.ts';

/** What Lambda sends to a dead-letter queue or topic: the original event and three attributes. */
export interface DeadLetterMessage {
  readonly body: string;
  readonly attributes: {
    readonly RequestID: string;
    /** The HTTP-style status as a string: '200' for a function error. */
    readonly ErrorCode: string;
    /** The error message, cut to its first 1 KB. */
    readonly ErrorMessage: string;
  };
}

export type DeadLetter = (targetArn: string, message: DeadLetterMessage) => Promise<void>;

/** One accepted Event invocation, persisted until it succeeds or is handed to the dead-letter target. */
export interface QueuedEvent {
  readonly requestId: string;
  readonly functionName: string;
  readonly payload: string;
  readonly enqueuedAt: number;
  /** Function-error retries already used (0 before the first retry). */
  retries: number;
  /** When the next attempt may run (emulated clock). */
  notBefore: number;
  /** Current throttle backoff; 0 when the last attempt was not throttled. */
  throttleBackoffMs: number;
  lastError?: { code: string; message: string };
}

export type AttemptOutcome =
  | { readonly kind: 'success' }
  | { readonly kind: 'function-error'; readonly message: string }
  | { readonly kind: 'throttled' }
  /** The function is gone; the event is dropped. */
  | { readonly kind: 'gone' }
  /** The service is closing: keep the event as it was, for the next start. */
  | { readonly kind: 'aborted' };

export interface RetryPolicy {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
  readonly deadLetterTargetArn?: string;
}

export interface AsyncQueueDeps {
  readonly dataDir: string;
  readonly clock: Clock;
  attempt(event: QueuedEvent): Promise<AttemptOutcome>;
  policyFor(functionName: string): RetryPolicy | undefined;
  readonly deadLetter: DeadLetter;
  /** Called when delivery to the dead-letter target fails (DeadLetterErrors). */
  onDeadLetterError(functionName: string, error: unknown): void;
}

/** Waits before the first and second retry after a function error. */
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];
const MAX_THROTTLE_BACKOFF_MS = 300_000;
const ERROR_MESSAGE_LIMIT = 1024;

/**
 * Lambda's internal queue for asynchronous invocation: the event is persisted before 202 is
 * answered, retried after function errors (1 min, then 2 min, up to MaximumRetryAttempts), retried
 * with backoff while throttled, and sent to the DeadLetterConfig target when retries run out or it
 * grows older than MaximumEventAgeInSeconds. A restart resumes from the file, so an event is never
 * lost; an attempt cut short by a crash runs again (AWS also delivers at least once).
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
export class AsyncQueue {
  private readonly file: StateFile<{ events: QueuedEvent[] }>;
  private readonly events: QueuedEvent[];
  private readonly timers = new Map<string, TimerHandle>();
  private closed = false;

  constructor(private readonly deps: AsyncQueueDeps) {
    this.file = new StateFile(
      join(deps.dataDir, 'async-queue.json'),
      () => ({ events: [] }),
      objectWith({ events: 'list' }),
    );
    this.events = this.file.load().events;
    for (const event of this.events) this.schedule(event);
  }

  enqueue(event: Omit<QueuedEvent, 'retries' | 'notBefore' | 'throttleBackoffMs'>): void {
    const queued: QueuedEvent = { ...event, retries: 0, notBefore: event.enqueuedAt, throttleBackoffMs: 0 };
    this.events.push(queued);
    this.save();
    this.schedule(queued);
  }

  get size(): number {
    return this.events.length;
  }

  /** Drops queued events of a deleted function. */
  dropFunction(functionName: string): void {
    for (const event of this.events.filter((e) => e.functionName === functionName)) this.remove(event);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private schedule(event: QueuedEvent): void {
    const delay = event.notBefore - this.deps.clock.now();
    if (delay <= 0) {
      // Due now: no need to wait on the clock (a virtual clock would only fire on advance).
      const immediate = setImmediate(
        () => void guard(`Lambda async invoke ${event.requestId}`, () => this.run(event)),
      );
      this.timers.set(event.requestId, { cancel: () => clearImmediate(immediate) });
      return;
    }
    this.timers.set(
      event.requestId,
      this.deps.clock.setTimer(
        () => void guard(`Lambda async invoke ${event.requestId}`, () => this.run(event)),
        delay,
      ),
    );
  }

  private async run(event: QueuedEvent): Promise<void> {
    this.timers.delete(event.requestId);
    if (this.closed) return;
    const policy = this.deps.policyFor(event.functionName);
    if (!policy) return this.remove(event);
    if (this.deps.clock.now() - event.enqueuedAt > policy.maximumEventAgeInSeconds * 1000) {
      return this.deadLetter(
        event,
        policy,
        event.lastError ?? { code: '429', message: 'Event age exceeded' },
      );
    }
    const outcome = await this.deps.attempt(event);
    if (this.closed) return;
    switch (outcome.kind) {
      case 'aborted':
        return;
      case 'success':
      case 'gone':
        return this.remove(event);
      case 'throttled': {
        event.throttleBackoffMs = Math.min(
          MAX_THROTTLE_BACKOFF_MS,
          Math.max(1000, event.throttleBackoffMs * 2),
        );
        event.lastError = { code: '429', message: 'Rate Exceeded.' };
        return this.retryAt(event, this.deps.clock.now() + event.throttleBackoffMs);
      }
      case 'function-error': {
        event.throttleBackoffMs = 0;
        event.lastError = { code: '200', message: outcome.message };
        if (event.retries >= policy.maximumRetryAttempts)
          return this.deadLetter(event, policy, event.lastError);
        const delay = RETRY_DELAYS_MS[event.retries] ?? RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1] ?? 0;
        event.retries++;
        return this.retryAt(event, this.deps.clock.now() + delay);
      }
    }
  }

  private retryAt(event: QueuedEvent, at: number): void {
    event.notBefore = at;
    this.save();
    this.schedule(event);
  }

  private async deadLetter(
    event: QueuedEvent,
    policy: RetryPolicy,
    error: { code: string; message: string },
  ): Promise<void> {
    if (policy.deadLetterTargetArn) {
      try {
        await this.deps.deadLetter(policy.deadLetterTargetArn, {
          body: event.payload,
          attributes: {
            RequestID: event.requestId,
            ErrorCode: error.code,
            ErrorMessage: firstBytes(error.message, ERROR_MESSAGE_LIMIT),
          },
        });
      } catch (failure) {
        this.deps.onDeadLetterError(event.functionName, failure);
      }
    }
    this.remove(event);
  }

  private remove(event: QueuedEvent): void {
    const index = this.events.indexOf(event);
    if (index < 0) return;
    this.events.splice(index, 1);
    this.timers.get(event.requestId)?.cancel();
    this.timers.delete(event.requestId);
    this.save();
  }

  private save(): void {
    if (!this.closed) this.file.save({ events: this.events });
  }
}

/** The longest prefix of `text` within `limit` UTF-8 bytes, never splitting a character. */
export function firstBytes(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > limit) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
