import type { FirehoseService } from '../services/firehose/service.ts';
import { generatePhysicalName, optionalString, type ResourceProvider } from './provider.ts';

/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kinesisfirehose-deliverystream.html
 * The properties are CreateDeliveryStream's request fields, so they pass straight through; the
 * Firehose service refuses what it does not emulate, naming the field.
 */
export function deliveryStreamProvider(firehose: FirehoseService): ResourceProvider {
  return {
    type: 'AWS::KinesisFirehose::DeliveryStream',
    supportedProperties: [
      'DeliveryStreamName',
      'DeliveryStreamType',
      'ExtendedS3DestinationConfiguration',
      'DeliveryStreamEncryptionConfigurationInput',
      'Tags',
    ],
    supportedAttributes: ['Arn'],
    // Every property change replaces the stream: simpler than UpdateDestination, same end state.
    replacementProperties: [
      'DeliveryStreamName',
      'DeliveryStreamType',
      'ExtendedS3DestinationConfiguration',
      'DeliveryStreamEncryptionConfigurationInput',
    ],
    async create(ctx, props) {
      const name =
        optionalString(props, 'DeliveryStreamName', ctx) ?? generatePhysicalName(ctx, { maxLength: 64 });
      const { DeliveryStreamARN } = firehose.createDeliveryStream({ ...props, DeliveryStreamName: name });
      return { physicalId: name, attributes: { Arn: DeliveryStreamARN } };
    },
    async find(ctx, props) {
      const name =
        optionalString(props, 'DeliveryStreamName', ctx) ?? generatePhysicalName(ctx, { maxLength: 64 });
      const names =
        (firehose.listDeliveryStreams({}) as { DeliveryStreamNames?: string[] }).DeliveryStreamNames ?? [];
      if (!names.includes(name)) return undefined;
      const description = firehose.describeDeliveryStream({
        DeliveryStreamName: name,
      }).DeliveryStreamDescription;
      return { physicalId: name, attributes: { Arn: description.DeliveryStreamARN } };
    },
    async update(_ctx, physicalId) {
      const description = firehose.describeDeliveryStream({
        DeliveryStreamName: physicalId,
      }).DeliveryStreamDescription;
      return { physicalId, attributes: { Arn: description.DeliveryStreamARN } };
    },
    async delete(_ctx, physicalId) {
      const names =
        (firehose.listDeliveryStreams({}) as { DeliveryStreamNames?: string[] }).DeliveryStreamNames ?? [];
      if (names.includes(physicalId)) firehose.deleteDeliveryStream({ DeliveryStreamName: physicalId });
    },
  };
}
