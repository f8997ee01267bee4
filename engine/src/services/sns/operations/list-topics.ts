import { defineOperation } from '../../../protocol/operation.ts';
import type { SnsService } from '../service.ts';

/** Every topic (one page). https://docs.aws.amazon.com/sns/latest/api/API_ListTopics.html */
export const listTopics = (sns: SnsService) =>
  defineOperation({
    input: { NextToken: { type: 'string' } },
    handle: () => ({ Topics: sns.listTopics().map((t) => ({ TopicArn: t.topicArn })) }),
  });
