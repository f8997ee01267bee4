import type { InferInput, InputSchema } from '../../../protocol/validation.ts';
import { arn } from '../../../runtime/account.ts';
import { defineFirehoseOperation } from '../define-operation.ts';
import { parseS3Destination } from '../destination.ts';
import { firehoseErrors } from '../errors.ts';
import type { FirehoseContext } from '../service.ts';

/** Destination kinds other than extended S3 are refused by name. */
const OTHER_DESTINATIONS = [
  'S3DestinationConfiguration',
  'RedshiftDestinationConfiguration',
  'ElasticsearchDestinationConfiguration',
  'AmazonopensearchserviceDestinationConfiguration',
  'AmazonOpenSearchServerlessDestinationConfiguration',
  'SplunkDestinationConfiguration',
  'HttpEndpointDestinationConfiguration',
  'SnowflakeDestinationConfiguration',
  'IcebergDestinationConfiguration',
  'KinesisStreamSourceConfiguration',
  'MSKSourceConfiguration',
  'DatabaseSourceConfiguration',
] as const;

const INPUT = {
  DeliveryStreamName: { type: 'string', required: true, minLength: 1, maxLength: 64 },
  DeliveryStreamType: { type: 'string' },
  ExtendedS3DestinationConfiguration: { type: 'map' },
  Tags: { type: 'list', member: { type: 'map' } },
  // Kept (unchecked) so that they can be refused by name.
  ...Object.fromEntries(OTHER_DESTINATIONS.map((member) => [member, { type: 'any' }] as const)),
} as const satisfies InputSchema;

/** https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html */
export const createDeliveryStream = (ctx: FirehoseContext) =>
  defineFirehoseOperation({ input: INPUT, handle: (request) => create(ctx, request) });

function create(ctx: FirehoseContext, request: InferInput<typeof INPUT>): { DeliveryStreamARN: string } {
  const name = request.DeliveryStreamName;
  if (!/^[a-zA-Z0-9_.-]+$/.test(name)) {
    throw firehoseErrors.invalidArgument(
      'DeliveryStreamName may contain letters, digits, underscores, periods and hyphens.',
    );
  }
  const other = OTHER_DESTINATIONS.find(
    (member) => (request as Record<string, unknown>)[member] !== undefined,
  );
  if (other)
    throw firehoseErrors.invalidArgument(`${other} is not emulated; use ExtendedS3DestinationConfiguration.`);
  if ((request.DeliveryStreamType ?? 'DirectPut') !== 'DirectPut') {
    throw firehoseErrors.invalidArgument(
      `DeliveryStreamType ${request.DeliveryStreamType} is not emulated (DirectPut only).`,
    );
  }
  if (!request.ExtendedS3DestinationConfiguration) {
    throw firehoseErrors.invalidArgument('ExtendedS3DestinationConfiguration is required.');
  }
  if (ctx.streams.find(name)) throw firehoseErrors.inUse(name);
  const destination = parseS3Destination(request.ExtendedS3DestinationConfiguration);
  const tags = Object.fromEntries((request.Tags ?? []).map((t) => [String(t.Key), String(t.Value ?? '')]));
  const streamArn = arn(ctx.account, 'firehose', `deliverystream/${name}`);
  ctx.streams.put({ name, arn: streamArn, createdAt: ctx.clock.now(), version: 1, destination, tags });
  ctx.pumps.set(name, ctx.newPump(name));
  return { DeliveryStreamARN: streamArn };
}
