import { defineFirehoseOperation } from '../define-operation.ts';
import type { FirehoseContext } from '../service.ts';

/**
 * Buffered, undelivered records are discarded with the stream.
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeleteDeliveryStream.html
 */
export const deleteDeliveryStream = (ctx: FirehoseContext) =>
  defineFirehoseOperation({
    input: { DeliveryStreamName: { type: 'string', required: true }, AllowForceDelete: { type: 'boolean' } },
    handle: ({ DeliveryStreamName }): Record<string, never> => {
      ctx.streams.get(DeliveryStreamName);
      ctx.pumps.get(DeliveryStreamName)?.destroy();
      ctx.pumps.delete(DeliveryStreamName);
      ctx.streams.remove(DeliveryStreamName);
      return {};
    },
  });
