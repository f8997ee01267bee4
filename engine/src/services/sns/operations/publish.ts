import { defineOperation } from '../../../protocol/operation.ts';
import type { SnsService } from '../service.ts';

/** https://docs.aws.amazon.com/sns/latest/api/API_Publish.html */
export const publish = (sns: SnsService) =>
  defineOperation({
    input: {
      TopicArn: { type: 'string', required: true },
      Message: { type: 'string', required: true },
      Subject: { type: 'string' },
    },
    resource: (i) => i.TopicArn,
    handle: async (i) => {
      const { messageId } = await sns.publish({
        topicArn: i.TopicArn,
        message: i.Message,
        ...(i.Subject ? { subject: i.Subject } : {}),
      });
      return { MessageId: messageId };
    },
  });
