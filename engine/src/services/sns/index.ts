/**
 * SNS for the local cloud.
 *
 * LIMITATIONS (what this does not emulate):
 * - No email, SMS, HTTP or mobile push is sent: each publish is recorded per subscription
 *   (`listDeliveries`); SQS subscriptions are delivered through the injected `sendToQueue`.
 * - Email subscriptions stay pending confirmation; no filter policies, FIFO topics or raw delivery.
 * - GetTopicAttributes shows Policy only when one was set (no default policy) and no
 *   EffectiveDeliveryPolicy; list operations answer one page.
 */
export type { Delivery, Subscription, Topic } from './model.ts';
export { snsServiceEntry } from './operation-table.ts';
export { SnsService, type SnsServiceOptions } from './service.ts';
