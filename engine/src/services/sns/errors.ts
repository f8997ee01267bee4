import { AwsError } from '../../runtime/aws-error.ts';

/** SNS errors (query protocol codes). https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html */
export const snsErrors = {
  invalidTopicName: (name: string) =>
    new AwsError('InvalidParameter', `Invalid parameter: Topic Name ${JSON.stringify(name)}`),
  notFound: (topicArn: string) => new AwsError('NotFound', `Topic does not exist: ${topicArn}`, 404),
} as const;

/** The code SNS answers invalid request members with. */
export const SNS_VALIDATION_CODE = 'InvalidParameter';
