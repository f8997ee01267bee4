import { defineFirehoseOperation } from '../define-operation.ts';
import { describeS3Destination } from '../destination.ts';
import type { FirehoseContext } from '../service.ts';

/** https://docs.aws.amazon.com/firehose/latest/APIReference/API_DescribeDeliveryStream.html */
export const describeDeliveryStream = (ctx: FirehoseContext) =>
  defineFirehoseOperation({
    input: {
      DeliveryStreamName: { type: 'string', required: true },
      Limit: { type: 'integer', min: 1, max: 10000 },
      ExclusiveStartDestinationId: { type: 'string' },
    },
    handle: ({ DeliveryStreamName }) => describe(ctx, DeliveryStreamName),
  });

function describe(
  ctx: FirehoseContext,
  DeliveryStreamName: string,
): { DeliveryStreamDescription: Record<string, unknown> } {
  const stream = ctx.streams.get(DeliveryStreamName);
  return {
    DeliveryStreamDescription: {
      DeliveryStreamName: stream.name,
      DeliveryStreamARN: stream.arn,
      DeliveryStreamStatus: 'ACTIVE',
      DeliveryStreamType: 'DirectPut',
      VersionId: String(stream.version),
      // The JSON protocol carries timestamps as epoch seconds.
      CreateTimestamp: stream.createdAt / 1000,
      Destinations: [
        {
          DestinationId: 'destinationId-000000000001',
          ExtendedS3DestinationDescription: describeS3Destination(stream.destination),
        },
      ],
      HasMoreDestinations: false,
    },
  };
}
