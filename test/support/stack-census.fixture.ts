import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient, ListTablesCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListSubscriptionsByTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';

const STACK = 'serverless-infrastructure';

/** What one local cloud holds: the stack as CloudFormation reports it, and what each service lists. */
export interface StackCensus {
  readonly status: string | undefined;
  readonly parameters: Readonly<Record<string, string>>;
  /** Logical ids with their status, as ListStackResources returns them. */
  readonly resources: readonly { readonly logicalId: string; readonly status: string }[];
  /** How many of each the services hold (every one was made by the stack). */
  readonly counts: Readonly<Record<string, number>>;
}

export async function census(endpoint: string): Promise<StackCensus> {
  const config = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    forcePathStyle: true,
  };
  const cfn = new CloudFormationClient(config);
  const stack = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0];
  const listed = await cfn.send(new ListStackResourcesCommand({ StackName: STACK }));
  const clients = {
    dynamodb: new DynamoDBClient(config),
    s3: new S3Client(config),
    sqs: new SQSClient(config),
    lambda: new LambdaClient(config),
    logs: new CloudWatchLogsClient(config),
    sns: new SNSClient(config),
    cloudwatch: new CloudWatchClient(config),
  };
  try {
    const [tables, buckets, queues, functions, groups, topics, subscriptions, alarms] = await Promise.all([
      clients.dynamodb.send(new ListTablesCommand({})).then((r) => r.TableNames?.length ?? 0),
      clients.s3.send(new ListBucketsCommand({})).then((r) => r.Buckets?.length ?? 0),
      clients.sqs.send(new ListQueuesCommand({})).then((r) => r.QueueUrls?.length ?? 0),
      clients.lambda.send(new ListFunctionsCommand({})).then((r) => r.Functions?.length ?? 0),
      clients.logs.send(new DescribeLogGroupsCommand({})).then((r) => r.logGroups?.length ?? 0),
      clients.sns.send(new ListTopicsCommand({})).then((r) => r.Topics?.length ?? 0),
      subscriptionCount(clients.sns),
      clients.cloudwatch.send(new DescribeAlarmsCommand({})).then((r) => r.MetricAlarms?.length ?? 0),
    ]);
    return {
      status: stack?.StackStatus,
      parameters: Object.fromEntries(
        (stack?.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? '']),
      ),
      resources: (listed.StackResourceSummaries ?? []).map((r) => ({
        logicalId: r.LogicalResourceId ?? '',
        status: r.ResourceStatus ?? '',
      })),
      counts: { tables, buckets, queues, functions, groups, topics, subscriptions, alarms },
    };
  } finally {
    cfn.destroy();
    for (const client of Object.values(clients)) client.destroy();
  }
}

/** Whether the item the API stored under `requestId` is in the table. */
export async function isStored(endpoint: string, table: string, requestId: string): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    const found = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'RequestId = :id',
        ExpressionAttributeValues: { ':id': { S: requestId } },
      }),
    );
    return (found.Items?.length ?? 0) === 1;
  } finally {
    client.destroy();
  }
}

/** Subscriptions of every topic (the local SNS answers ListSubscriptionsByTopic). */
async function subscriptionCount(sns: SNSClient): Promise<number> {
  const topics = (await sns.send(new ListTopicsCommand({}))).Topics ?? [];
  let count = 0;
  for (const topic of topics) {
    const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic.TopicArn }));
    count += listed.Subscriptions?.length ?? 0;
  }
  return count;
}
