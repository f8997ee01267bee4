import { parseArn } from '../../runtime/arn.ts';
import type { Subscription } from './model.ts';

/** The `Subscription` shape of ListSubscriptions and ListSubscriptionsByTopic. */
export const subscriptionView = (s: Subscription) => ({
  SubscriptionArn: s.pendingConfirmation ? 'PendingConfirmation' : s.subscriptionArn,
  Owner: parseArn(s.topicArn)?.accountId,
  Protocol: s.protocol,
  Endpoint: s.endpoint,
  TopicArn: s.topicArn,
});
