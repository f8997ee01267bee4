import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListStackResourcesCommand,
  type Stack,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import type { ClientConfig } from './target.ts';

/**
 * The physical names of the stack's resources, found through CloudFormation by their logical ids
 * (the seed's contract), so commands work on any stack name and on AWS alike.
 */
export interface StackHandles {
  readonly stack: Stack;
  readonly resources: readonly StackResourceSummary[];
  readonly tableName?: string;
  readonly functionName?: string;
  readonly functionLogGroup?: string;
  readonly accessLogGroup?: string;
  readonly deadLetterQueueUrl?: string;
  readonly scheduleRuleName?: string;
  readonly alarmNames: readonly string[];
  readonly bucketName?: string;
}

export async function loadStackHandles(config: ClientConfig, stackName: string): Promise<StackHandles> {
  const client = new CloudFormationClient(config);
  try {
    const described = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = described.Stacks?.[0];
    if (!stack) throw new Error(`stack ${stackName} was not found`);
    const resources: StackResourceSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListStackResourcesCommand({ StackName: stackName, NextToken: nextToken }),
      );
      resources.push(...(page.StackResourceSummaries ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    const physical = (logicalId: string): string | undefined =>
      resources.find((r) => r.LogicalResourceId === logicalId)?.PhysicalResourceId;
    const output = (key: string): string | undefined =>
      stack.Outputs?.find((o) => o.OutputKey === key)?.OutputValue;
    return {
      stack,
      resources,
      tableName: output('DynamoDBTableName') ?? physical('RequestDataTable'),
      functionName: output('LambdaFunctionName') ?? physical('RequestProcessorLambda'),
      functionLogGroup: physical('LambdaLogGroup'),
      accessLogGroup: physical('AccessLogGroup'),
      deadLetterQueueUrl: output('DeadLetterQueueUrl') ?? physical('DeadLetterQueue'),
      scheduleRuleName: physical('ScheduledEventRule'),
      alarmNames: resources
        .filter((r) => r.ResourceType === 'AWS::CloudWatch::Alarm' && r.PhysicalResourceId)
        .map((r) => r.PhysicalResourceId as string),
      bucketName: output('S3BucketName') ?? physical('ApiLoggingBucket'),
    };
  } finally {
    client.destroy();
  }
}
