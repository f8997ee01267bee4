import { validateInput } from '../../sqs/input-rules.ts';
import { describeS3Destination } from '../destination.ts';
import { FIREHOSE_INPUT_CODES } from '../errors.ts';
import type { FirehoseContext } from './context.ts';

/** https://docs.aws.amazon.com/firehose/latest/APIReference/API_DescribeDeliveryStream.html */
export const describeDeliveryStreamRules = {
  DeliveryStreamName: { type: 'string', required: true },
  Limit: { type: 'integer', min: 1, max: 10000 },
  ExclusiveStartDestinationId: { type: 'string' },
} as const;

export function describeDeliveryStream(
  ctx: FirehoseContext,
  input: unknown,
): { DeliveryStreamDescription: Record<string, unknown> } {
  const { DeliveryStreamName } = validateInput(describeDeliveryStreamRules, input, FIREHOSE_INPUT_CODES);
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

/** https://docs.aws.amazon.com/firehose/latest/APIReference/API_ListDeliveryStreams.html */
export const listDeliveryStreamsRules = {
  Limit: { type: 'integer', min: 1, max: 10000 },
  DeliveryStreamType: { type: 'string' },
  ExclusiveStartDeliveryStreamName: { type: 'string' },
} as const;

export function listDeliveryStreams(
  ctx: FirehoseContext,
  input: unknown,
): { DeliveryStreamNames: string[]; HasMoreDeliveryStreams: boolean } {
  const { Limit = 10, ExclusiveStartDeliveryStreamName } = validateInput(
    listDeliveryStreamsRules,
    input,
    FIREHOSE_INPUT_CODES,
  );
  const names = ctx.streams
    .all()
    .map((s) => s.name)
    .filter(
      (name) => ExclusiveStartDeliveryStreamName === undefined || name > ExclusiveStartDeliveryStreamName,
    );
  return { DeliveryStreamNames: names.slice(0, Limit), HasMoreDeliveryStreams: names.length > Limit };
}
