/**
 * The local SQS: standard queues with attributes, delays, visibility timeouts, long polling and
 * retention on the engine clock, redrive to dead-letter queues, persisted messages, the JSON 1.0
 * operation table, and an in-process sender for Lambda dead letters.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/Welcome.html
 *
 * LIMITATIONS (what this does not emulate):
 * - FIFO queues (`.fifo`, FifoQueue=true, deduplication, message groups): refused.
 * - Queue policies and KMS keys are stored and reported, never enforced; SSE changes nothing.
 * - The query (XML) protocol: only JSON 1.0 shapes are provided (what SDK v3 and CLI v2 use).
 * - TagQueue/UntagQueue/ListQueueTags, ListDeadLetterSourceQueues, message move tasks,
 *   ChangeMessageVisibilityBatch, AddPermission/RemovePermission: not implemented.
 * - The 60-second QueueDeletedRecently wait after DeleteQueue; attribute propagation delays.
 * - Delivery order is send order (AWS standard queues are best-effort ordered, at-least-once,
 *   and may return fewer messages than available; this never duplicates or reorders).
 * - Metrics: only ApproximateNumberOfMessagesVisible, once per emulated minute per queue.
 * - Each change rewrites the queue's state file: sized for dead-letter and test traffic.
 * Queue URLs are `<endpointUrl>/<account>/<name>`; see queues.ts for why.
 */
export { SQS_QUERY_ERROR_CODES } from './errors.ts';
export { md5OfAttributes, md5OfBody } from './md5.ts';
export type { MessageAttributeValue } from './model.ts';
export { type SqsOperationName, sqsServiceEntry } from './operation-table.ts';
export type { ReceivedMessage } from './operations/receive-message.ts';
export type { MessageToSend, SendMessageResult } from './operations/send-message.ts';
export { SqsService, type SqsServiceOptions } from './service.ts';
