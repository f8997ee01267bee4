import { defineOperation } from '../../../protocol/operation.ts';
import { queryMap } from '../../../protocol/xml.ts';
import { parseArn } from '../../../runtime/arn.ts';
import type { SnsService } from '../service.ts';

/**
 * The topic's stored attributes plus the ones SNS computes (TopicArn, Owner, subscription counts).
 * https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
 */
export const getTopicAttributes = (sns: SnsService) =>
  defineOperation({
    input: { TopicArn: { type: 'string', required: true } },
    resource: (i) => i.TopicArn,
    handle: (i) => {
      const topic = sns.getTopic(i.TopicArn);
      const subscriptions = sns.listSubscriptionsByTopic(topic.topicArn);
      const pending = subscriptions.filter((s) => s.pendingConfirmation).length;
      return {
        Attributes: queryMap({
          ...topic.attributes,
          TopicArn: topic.topicArn,
          Owner: parseArn(topic.topicArn)?.accountId ?? '',
          SubscriptionsConfirmed: String(subscriptions.length - pending),
          SubscriptionsPending: String(pending),
          SubscriptionsDeleted: '0',
        }),
      };
    },
  });
