import type { SnsService } from '../services/sns/index.ts';
import {
  asRecord,
  generatePhysicalName,
  optionalList,
  optionalString,
  propertyError,
  type ResourceProvider,
  readTags,
} from './provider.ts';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-topic.html */
export function snsTopicProvider(sns: SnsService): ResourceProvider {
  return {
    type: 'AWS::SNS::Topic',
    supportedProperties: ['TopicName', 'DisplayName', 'KmsMasterKeyId', 'Tags', 'Subscription'],
    supportedAttributes: ['TopicArn', 'TopicName'],
    replacementProperties: ['TopicName'],
    async create(ctx, props) {
      const name = optionalString(props, 'TopicName', ctx) ?? generatePhysicalName(ctx, { maxLength: 256 });
      const attributes: Record<string, string> = {};
      for (const key of ['DisplayName', 'KmsMasterKeyId']) {
        const value = optionalString(props, key, ctx);
        if (value !== undefined) attributes[key] = value;
      }
      const topic = sns.createTopic({ name, attributes, tags: readTags(props, ctx) });
      for (const [index, value] of (optionalList(props, 'Subscription', ctx) ?? []).entries()) {
        const sub = asRecord(value);
        if (typeof sub.Protocol !== 'string' || typeof sub.Endpoint !== 'string') {
          throw propertyError(ctx, `Subscription.${index}`, 'needs Protocol and Endpoint strings');
        }
        sns.subscribe({ topicArn: topic.topicArn, protocol: sub.Protocol, endpoint: sub.Endpoint });
      }
      return { physicalId: topic.topicArn, attributes: { TopicArn: topic.topicArn, TopicName: topic.name } };
    },
    async delete(_ctx, physicalId) {
      sns.deleteTopic(physicalId);
    },
  };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-subscription.html */
export function snsSubscriptionProvider(sns: SnsService): ResourceProvider {
  return {
    type: 'AWS::SNS::Subscription',
    supportedProperties: ['TopicArn', 'Protocol', 'Endpoint', 'Region'],
    supportedAttributes: ['Arn'],
    replacementProperties: ['TopicArn', 'Protocol', 'Endpoint'],
    async create(ctx, props) {
      const topicArn = optionalString(props, 'TopicArn', ctx);
      const protocol = optionalString(props, 'Protocol', ctx);
      const endpoint = optionalString(props, 'Endpoint', ctx);
      if (!topicArn) throw propertyError(ctx, 'TopicArn', 'is required');
      if (!protocol) throw propertyError(ctx, 'Protocol', 'is required');
      if (!endpoint) throw propertyError(ctx, 'Endpoint', 'is required');
      const subscription = sns.subscribe({ topicArn, protocol, endpoint });
      return { physicalId: subscription.subscriptionArn, attributes: { Arn: subscription.subscriptionArn } };
    },
    async find(ctx, props) {
      const topicArn = optionalString(props, 'TopicArn', ctx);
      if (!topicArn || !sns.listTopics().some((t) => t.topicArn === topicArn)) return undefined;
      const found = sns
        .listSubscriptionsByTopic(topicArn)
        .find(
          (s) =>
            s.protocol === optionalString(props, 'Protocol', ctx) &&
            s.endpoint === optionalString(props, 'Endpoint', ctx),
        );
      return found
        ? { physicalId: found.subscriptionArn, attributes: { Arn: found.subscriptionArn } }
        : undefined;
    },
    async delete(_ctx, physicalId) {
      sns.unsubscribe(physicalId);
    },
  };
}

/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-topicpolicy.html
 * Stored on the topics as their Policy attribute; publishes inside the engine come from AWS
 * services (CloudWatch), which the stack's policy allows, so it is recorded, not enforced.
 */
export function snsTopicPolicyProvider(sns: SnsService): ResourceProvider {
  const apply = (topics: readonly unknown[], policy: unknown) => {
    for (const topicArn of topics.map(String))
      sns.setTopicAttribute(topicArn, 'Policy', JSON.stringify(policy));
  };
  return {
    type: 'AWS::SNS::TopicPolicy',
    supportedProperties: ['Topics', 'PolicyDocument'],
    supportedAttributes: ['Id'],
    async create(ctx, props) {
      const topics = optionalList(props, 'Topics', ctx);
      if (!topics || topics.length === 0) throw propertyError(ctx, 'Topics', 'needs at least one topic ARN');
      if (typeof props.PolicyDocument !== 'object' || props.PolicyDocument === null) {
        throw propertyError(ctx, 'PolicyDocument', 'is required');
      }
      apply(topics, props.PolicyDocument);
      const id = generatePhysicalName(ctx, { maxLength: 128 });
      return { physicalId: id, attributes: { Id: id } };
    },
    async update(ctx, physicalId, props) {
      apply(optionalList(props, 'Topics', ctx) ?? [], props.PolicyDocument);
      return { physicalId, attributes: { Id: physicalId } };
    },
    async delete(ctx, _physicalId, props) {
      const remaining = new Set(sns.listTopics().map((t) => t.topicArn));
      for (const topicArn of (optionalList(props, 'Topics', ctx) ?? []).map(String)) {
        if (remaining.has(topicArn)) sns.setTopicAttribute(topicArn, 'Policy', undefined);
      }
    },
  };
}
