import { queueNameOfUrl } from '../runtime/arn.ts';
import type { SqsService } from '../services/sqs/index.ts';
import {
  generatePhysicalName,
  optionalBoolean,
  optionalList,
  optionalString,
  type ProviderContext,
  propertyError,
  type ResourceProvider,
  readTags,
} from './provider.ts';

type Props = Readonly<Record<string, unknown>>;

/** CloudFormation property → SQS queue attribute, for the attributes the local SQS keeps. */
const ATTRIBUTES = [
  'MessageRetentionPeriod',
  'VisibilityTimeout',
  'DelaySeconds',
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
  'SqsManagedSseEnabled',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
] as const;

function queueAttributes(ctx: ProviderContext, props: Props): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of ATTRIBUTES) {
    const value =
      name === 'SqsManagedSseEnabled' ? optionalBoolean(props, name, ctx) : optionalString(props, name, ctx);
    if (value !== undefined) attributes[name] = String(value);
  }
  if (props.RedrivePolicy !== undefined) attributes.RedrivePolicy = JSON.stringify(props.RedrivePolicy);
  return attributes;
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html */
export function sqsQueueProvider(sqs: SqsService): ResourceProvider {
  const result = (name: string, url: string) => ({
    physicalId: url,
    attributes: { Arn: sqs.queueArn(name), QueueName: name, QueueUrl: url },
  });
  return {
    type: 'AWS::SQS::Queue',
    supportedProperties: ['QueueName', 'FifoQueue', 'RedrivePolicy', 'Tags', ...ATTRIBUTES],
    supportedAttributes: ['Arn', 'QueueName', 'QueueUrl'],
    replacementProperties: ['QueueName', 'FifoQueue'],
    async create(ctx, props) {
      if (optionalBoolean(props, 'FifoQueue', ctx))
        throw propertyError(ctx, 'FifoQueue', 'FIFO queues are not emulated');
      const name = optionalString(props, 'QueueName', ctx) ?? generatePhysicalName(ctx, { maxLength: 80 });
      const { QueueUrl } = sqs.createQueue({
        QueueName: name,
        Attributes: queueAttributes(ctx, props),
        tags: readTags(props, ctx),
      });
      return result(name, QueueUrl);
    },
    async find(ctx, props) {
      const name = optionalString(props, 'QueueName', ctx) ?? generatePhysicalName(ctx, { maxLength: 80 });
      const url = (sqs.listQueues({ QueueNamePrefix: name }).QueueUrls ?? []).find((u) =>
        u.endsWith(`/${name}`),
      );
      return url ? result(name, url) : undefined;
    },
    async update(ctx, physicalId, props) {
      sqs.setQueueAttributes({ QueueUrl: physicalId, Attributes: queueAttributes(ctx, props) });
      return result(queueNameOfUrl(physicalId), physicalId);
    },
    async delete(_ctx, physicalId) {
      // By name: a queue URL recorded before a restart may carry another endpoint port.
      const url = currentUrl(sqs, physicalId);
      if (url) sqs.deleteQueue({ QueueUrl: url });
    },
  };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queuepolicy.html */
export function sqsQueuePolicyProvider(sqs: SqsService): ResourceProvider {
  const apply = (ctx: ProviderContext, props: Props, policy: string) => {
    const queues = optionalList(props, 'Queues', ctx);
    if (!queues || queues.length === 0) throw propertyError(ctx, 'Queues', 'needs at least one queue URL');
    for (const url of queues.map(String))
      sqs.setQueueAttributes({ QueueUrl: url, Attributes: { Policy: policy } });
  };
  return {
    type: 'AWS::SQS::QueuePolicy',
    supportedProperties: ['Queues', 'PolicyDocument'],
    supportedAttributes: ['Id'],
    async create(ctx, props) {
      if (typeof props.PolicyDocument !== 'object' || props.PolicyDocument === null)
        throw propertyError(ctx, 'PolicyDocument', 'is required');
      apply(ctx, props, JSON.stringify(props.PolicyDocument));
      const id = generatePhysicalName(ctx, { maxLength: 128 });
      return { physicalId: id, attributes: { Id: id } };
    },
    async update(ctx, physicalId, props) {
      apply(ctx, props, JSON.stringify(props.PolicyDocument));
      return { physicalId, attributes: { Id: physicalId } };
    },
    async delete(ctx, _physicalId, props) {
      for (const recorded of (optionalList(props, 'Queues', ctx) ?? []).map(String)) {
        const url = currentUrl(sqs, recorded);
        if (url) sqs.setQueueAttributes({ QueueUrl: url, Attributes: { Policy: '' } });
      }
    },
  };
}

/** The live URL of the queue a recorded URL names (matched by queue name), if it still exists. */
function currentUrl(sqs: SqsService, recordedUrl: string): string | undefined {
  const name = queueNameOfUrl(recordedUrl);
  return (sqs.listQueues({ QueueNamePrefix: name }).QueueUrls ?? []).find(
    (url) => queueNameOfUrl(url) === name,
  );
}
