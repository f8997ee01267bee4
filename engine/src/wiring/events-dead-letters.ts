import type { EventsServiceOptions } from '../services/events/index.ts';
import type { SqsService } from '../services/sqs/index.ts';

/**
 * Where EventBridge sends an event it could not deliver to a target: the target's SQS dead-letter
 * queue, with the error attributes as string message attributes.
 */
export function eventsDeadLetters(sqs: SqsService): NonNullable<EventsServiceOptions['deadLetter']> {
  return async (queueArn, body, attributes) => {
    sqs.sendMessageToArn(queueArn, {
      MessageBody: body,
      MessageAttributes: Object.fromEntries(
        Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
      ),
    });
  };
}
