import type { QueueState } from './model.ts';

/** Message counts as SQS reports them: visible, in flight (received, not yet visible), delayed (never received). */
export function messageCounts(
  queue: QueueState,
  now: number,
): { visible: number; inFlight: number; delayed: number } {
  let visible = 0;
  let inFlight = 0;
  let delayed = 0;
  for (const message of queue.messages) {
    if (message.visibleAt <= now) visible++;
    else if (message.receiveCount > 0) inFlight++;
    else delayed++;
  }
  return { visible, inFlight, delayed };
}
