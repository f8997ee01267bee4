import type { Subscription } from '../sns-service.ts';

/** The `Subscription` shape of ListSubscriptions and ListSubscriptionsByTopic. */
export const subscriptionView = (s: Subscription) => ({
  SubscriptionArn: s.pendingConfirmation ? 'PendingConfirmation' : s.subscriptionArn,
  Owner: s.topicArn.split(':')[4],
  Protocol: s.protocol,
  Endpoint: s.endpoint,
  TopicArn: s.topicArn,
});
