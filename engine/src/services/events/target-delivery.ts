import type { Rule, RuleTarget } from './model.ts';
import type { EventsServiceOptions } from './service.ts';

/** Retries happen at once locally, so a broken target costs at most this many extra attempts. */
const MAX_LOCAL_RETRIES = 3;

/** What delivering to a target needs from the engine. */
export type TargetDelivery = Pick<EventsServiceOptions, 'invokeLambda' | 'onTargetError' | 'deadLetter'>;

/**
 * EventBridge's delivery: retry a failed invoke (permission missing, function gone), then hand the
 * event to the target's dead-letter queue with the attributes EventBridge sets.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 */
export async function deliverToTarget(
  delivery: TargetDelivery,
  rule: Rule,
  target: RuleTarget,
  payload: string,
): Promise<void> {
  const attempts = 1 + Math.min(target.maximumRetryAttempts ?? MAX_LOCAL_RETRIES, MAX_LOCAL_RETRIES);
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await delivery.invokeLambda(target.arn, payload, {
        principal: 'events.amazonaws.com',
        sourceArn: rule.arn,
      });
      return;
    } catch (error) {
      lastError = error;
    }
  }
  delivery.onTargetError?.(rule.name, target.id, lastError);
  if (!target.deadLetterArn || !delivery.deadLetter) return;
  const error = lastError instanceof Error ? lastError : new Error(String(lastError));
  await delivery.deadLetter(target.deadLetterArn, payload, {
    RULE_ARN: rule.arn,
    TARGET_ARN: target.arn,
    ERROR_CODE: error.name,
    ERROR_MESSAGE: error.message.slice(0, 1024),
    EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
    RETRY_ATTEMPTS: String(attempts - 1),
  });
}
