/**
 * CloudWatch Logs for the local cloud.
 *
 * LIMITATIONS (what this does not emulate):
 * - Sequence tokens, KMS keys, log classes, data protection, metric filters, Logs Insights queries.
 * - Filter patterns (filter-pattern.ts): terms match anywhere in the message (AWS documents no word
 *   boundaries); only one `...` per space-delimited pattern; `%regex%` is JavaScript's RegExp, not
 *   limited to the operators AWS lists.
 * - Retention is enforced by an hourly sweep in emulated time; AWS deletes expired data "eventually".
 * - Subscription destinations: delivery goes through the injected `deliver` (Firehose streams); a
 *   failed delivery is reported through `onDeliveryError` and not retried.
 * - Internal writers (Lambda output, access logs) need the group to exist, as AWS needs it to.
 */
export { compileFilterPattern, type LogMatcher, matchesFilterPattern } from './filter-pattern.ts';
export type { LogGroup, SubscriptionFilter } from './model.ts';
export { logsServiceEntry } from './operation-table.ts';
export { VALID_RETENTION_DAYS } from './retention.ts';
export { LogsService, type LogsServiceOptions } from './service.ts';
export type { LogEvent, LogSink } from './sink.ts';
export type { StoredEvent } from './stream-store.ts';
