import { defineOperation } from '../../../protocol/operation.ts';
import type { SnsService } from '../service.ts';
import { subscriptionView } from '../subscription-view.ts';

/** Every subscription in the account (one page). https://docs.aws.amazon.com/sns/latest/api/API_ListSubscriptions.html */
export const listSubscriptions = (sns: SnsService) =>
  defineOperation({
    input: { NextToken: { type: 'string' } },
    handle: () => ({ Subscriptions: sns.listSubscriptions().map(subscriptionView) }),
  });
