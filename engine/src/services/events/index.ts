/**
 * EventBridge (scheduled rules) for the local cloud.
 *
 * LIMITATIONS (what this does not emulate):
 * - Only the default event bus, and only scheduled rules fire; EventPattern rules are stored but
 *   no events are routed to them (nothing in the stack puts events).
 * - Only Lambda function targets; target InputPath/InputTransformer, RetryPolicy and target DLQs.
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
