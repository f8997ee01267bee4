import { defineOperation } from '../../../protocol/operation.ts';
import type { SnsService } from '../service.ts';
import { subscriptionView } from '../subscription-view.ts';

/** One topic's subscriptions (one page). https://docs.aws.amazon.com/sns/latest/api/API_ListSubscriptionsByTopic.html */
export const listSubscriptionsByTopic = (sns: SnsService) =>
  defineOperation({
    input: { TopicArn: { type: 'string', required: true }, NextToken: { type: 'string' } },
    resource: (i) => i.TopicArn,
    handle: (i) => ({ Subscriptions: sns.listSubscriptionsByTopic(i.TopicArn).map(subscriptionView) }),
  });
