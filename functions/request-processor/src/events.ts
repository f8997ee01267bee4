/**
 * Recognising the two event shapes this function serves. Anything else is a programming or
 * wiring error (it can only arrive through an asynchronous Invoke) and is rejected loudly.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-scheduler.html
 */
import type { APIGatewayProxyEventV2, ScheduledEvent } from 'aws-lambda';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** An HTTP API payload format 2.0 event (the fields this function relies on are checked). */
export function isApiEvent(event: unknown): event is APIGatewayProxyEventV2 {
  if (!isRecord(event) || event.version !== '2.0' || !isRecord(event.requestContext)) return false;
  const context = event.requestContext;
  return typeof context.requestId === 'string' && isRecord(context.http);
}

/** An EventBridge scheduled-rule event. */
export function isScheduledEvent(event: unknown): event is ScheduledEvent<unknown> {
  return (
    isRecord(event) &&
    event['detail-type'] === 'Scheduled Event' &&
    event.source === 'aws.events' &&
    typeof event.id === 'string' &&
    typeof event.time === 'string'
  );
}

/** A short, safe description of an unrecognised event for the error message. */
export function describeEvent(event: unknown): string {
  if (!isRecord(event)) return typeof event;
  return `object with keys [${Object.keys(event).slice(0, 10).join(', ')}]`;
}
