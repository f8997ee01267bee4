/**
 * SNS on the AWS endpoint (awsQuery, XML out): listing topics and subscriptions, topic attributes and publishing.
 * https://docs.aws.amazon.com/sns/latest/api/API_Operations.html
 */

import { defineOperation } from '../../protocol/operation.ts';
import type { QueryServiceEntry } from '../../protocol/service-entry.ts';
import { getTopicAttributes } from './operations/get-topic-attributes.ts';
import { listSubscriptions } from './operations/list-subscriptions.ts';
import { subscriptionView } from './operations/subscription-view.ts';
import type { SnsService } from './sns-service.ts';

const TOPIC = { type: 'string', required: true } as const;

export function snsWireService(sns: SnsService): QueryServiceEntry {
  return {
    kind: 'query',
    iamPrefix: 'sns',
    validationCode: 'InvalidParameter',
    protocol: { xmlns: 'http://sns.amazonaws.com/doc/2010-03-31/' },
    operations: {
      ListTopics: defineOperation({
        input: { NextToken: { type: 'string' } },
        handle: () => ({ Topics: sns.listTopics().map((t) => ({ TopicArn: t.topicArn })) }),
      }),
      ListSubscriptionsByTopic: defineOperation({
        input: { TopicArn: TOPIC, NextToken: { type: 'string' } },
        resource: (i) => i.TopicArn,
        handle: (i) => ({
          Subscriptions: sns.listSubscriptionsByTopic(i.TopicArn).map(subscriptionView),
        }),
      }),
      GetTopicAttributes: getTopicAttributes(sns),
      ListSubscriptions: listSubscriptions(sns),
      Publish: defineOperation({
        input: { TopicArn: TOPIC, Message: { type: 'string', required: true }, Subject: { type: 'string' } },
        resource: (i) => i.TopicArn,
        handle: async (i) => {
          const { messageId } = await sns.publish({
            topicArn: i.TopicArn,
            message: i.Message,
            ...(i.Subject ? { subject: i.Subject } : {}),
          });
          return { MessageId: messageId };
        },
      }),
    },
  };
}
