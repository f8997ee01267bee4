/**
 * SNS on the AWS endpoint (awsQuery, XML out): listing topics and subscriptions, topic attributes and publishing.
 * https://docs.aws.amazon.com/sns/latest/api/API_Operations.html
 */
import type { QueryServiceEntry } from '../../protocol/service-entry.ts';
import { SNS_VALIDATION_CODE } from './errors.ts';
import { getTopicAttributes } from './operations/get-topic-attributes.ts';
import { listSubscriptions } from './operations/list-subscriptions.ts';
import { listSubscriptionsByTopic } from './operations/list-subscriptions-by-topic.ts';
import { listTopics } from './operations/list-topics.ts';
import { publish } from './operations/publish.ts';
import type { SnsService } from './service.ts';

export function snsServiceEntry(sns: SnsService): QueryServiceEntry {
  return {
    kind: 'query',
    iamPrefix: 'sns',
    validationCode: SNS_VALIDATION_CODE,
    protocol: { xmlns: 'http://sns.amazonaws.com/doc/2010-03-31/' },
    operations: {
      ListTopics: listTopics(sns),
      ListSubscriptionsByTopic: listSubscriptionsByTopic(sns),
      GetTopicAttributes: getTopicAttributes(sns),
      ListSubscriptions: listSubscriptions(sns),
      Publish: publish(sns),
    },
  };
}
