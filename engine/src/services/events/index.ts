/**
 * EventBridge for the local cloud: scheduled rules on the engine clock, PutEvents routed to rules
 * by event pattern (event-pattern.ts), and the rule/target API.
 *
 * LIMITATIONS (what this does not emulate):
 * - Only the default event bus; no archives, replays, event buses, API destinations or pipes.
 * - Only Lambda function targets; no InputPath/InputTransformer (refused); MaximumEventAgeInSeconds
 *   is stored and reported, not enforced. No tags on rules.
 * - Event patterns: IPv6 `cidr` blocks, `anything-but` with `wildcard` lists and the array
 *   "flattening" subtleties of several fields inside one array of objects are not emulated. A target whose invoke fails is
 *   retried at once (at most 3 times, not with AWS's backoff over 24 hours), then its event goes to
 *   the target's DeadLetterConfig queue with EventBridge's attributes (RULE_ARN, TARGET_ARN, ERROR_CODE...).
 * - cron() `L`, `W` and `#` are refused; rate() anchors on rule creation as AWS does.
 * - A fire that came due while the engine was stopped fires once at start (not once per missed period).
 */

export { EventPatternError, matchesPattern, validatePattern } from './event-pattern.ts';
export type { Rule, RuleTarget, ScheduledEvent } from './model.ts';
export { eventsServiceEntry } from './operation-table.ts';
export { nextFireTime, parseScheduleExpression, type Schedule } from './schedule-expression.ts';
export { EventsService, type EventsServiceOptions } from './service.ts';
