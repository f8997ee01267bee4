/**
 * EventBridge (scheduled rules) for the local cloud.
 *
 * LIMITATIONS (what this does not emulate):
 * - Only the default event bus, and only scheduled rules fire; EventPattern rules are stored but
 *   no events are routed to them (nothing in the stack puts events).
 * - Only Lambda function targets; no InputPath/InputTransformer. A target whose invoke fails is
 *   retried at once (at most 3 times, not with AWS's backoff over 24 hours), then its event goes to
 *   the target's DeadLetterConfig queue with EventBridge's attributes (RULE_ARN, TARGET_ARN, ERROR_CODE...).
 * - cron() `L`, `W` and `#` are refused; rate() anchors on rule creation as AWS does.
 * - A fire that came due while the engine was stopped fires once at start (not once per missed period).
 */
export {
  EventsService,
  type EventsServiceOptions,
  type Rule,
  type RuleTarget,
  type ScheduledEvent,
} from './events-service.ts';
export { nextFireTime, parseScheduleExpression, type Schedule } from './schedule-expression.ts';
