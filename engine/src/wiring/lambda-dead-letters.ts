import type { DeadLetter } from '../services/lambda/index.ts';
import type { SnsService } from '../services/sns/index.ts';
import type { SqsService } from '../services/sqs/index.ts';

/**
 * Where Lambda sends an asynchronous event that ran out of retries: an SNS topic gets the event as
 * its message; an SQS queue gets it with the RequestID, ErrorCode and ErrorMessage attributes
 * Lambda sets (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 */
export function lambdaDeadLetters(sns: SnsService, sqs: SqsService): DeadLetter {
  return async (targetArn, message) => {
    if (targetArn.includes(':sns:')) {
      await sns.publish({ topicArn: targetArn, message: message.body });
      return;
    }
    sqs.sendMessageToArn(targetArn, {
      MessageBody: message.body,
      MessageAttributes: {
        RequestID: { DataType: 'String', StringValue: message.attributes.RequestID },
        ErrorCode: { DataType: 'Number', StringValue: message.attributes.ErrorCode },
        ErrorMessage: { DataType: 'String', StringValue: message.attributes.ErrorMessage },
      },
    });
  };
}
