import { defineFirehoseOperation } from '../define-operation.ts';
import type { FirehoseContext } from '../service.ts';

/** https://docs.aws.amazon.com/firehose/latest/APIReference/API_ListDeliveryStreams.html */
export const listDeliveryStreams = (ctx: FirehoseContext) =>
  defineFirehoseOperation({
    input: {
      Limit: { type: 'integer', min: 1, max: 10000 },
      DeliveryStreamType: { type: 'string' },
      ExclusiveStartDeliveryStreamName: { type: 'string' },
    },
    handle: ({
      Limit = 10,
      ExclusiveStartDeliveryStreamName,
    }): { DeliveryStreamNames: string[]; HasMoreDeliveryStreams: boolean } => {
      const names = ctx.streams
        .all()
        .map((s) => s.name)
        .filter(
          (name) => ExclusiveStartDeliveryStreamName === undefined || name > ExclusiveStartDeliveryStreamName,
        );
      return { DeliveryStreamNames: names.slice(0, Limit), HasMoreDeliveryStreams: names.length > Limit };
    },
  });
