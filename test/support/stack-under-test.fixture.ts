/**
 * The stack the end-to-end tests talk to: the local cloud (default) or, with TAPSTACK_TARGET=aws,
 * a stack already deployed on AWS. Both hand out real AWS SDK clients and the stack's outputs; the
 * tests use nothing else, so the same assertions prove local and AWS agree.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STACK_NAME, startLocalCloud } from './local-cloud.fixture.ts';
import { onAws } from './target.fixture.ts';

export interface StackUnderTest {
  readonly apiUrl: string;
  /** `--endpoint-url` for the AWS CLI and SDKs; undefined on AWS (the real endpoints). */
  readonly endpointUrl: string | undefined;
  readonly region: string;
  dynamodb(): DynamoDBClient;
  cloudformation(): CloudFormationClient;
  lambda(): LambdaClient;
  s3(): S3Client;
  sqs(): SQSClient;
  output(key: string): string;
  dispose(): Promise<void>;
}

export async function startStackUnderTest(): Promise<StackUnderTest> {
  if (!onAws) return startLocalCloud();
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const stackName = process.env.TAPSTACK_STACK_NAME ?? STACK_NAME;
  const config = { region };
  const clients: { destroy(): void }[] = [];
  const track = <T extends { destroy(): void }>(client: T): T => {
    clients.push(client);
    return client;
  };
  const cfn = track(new CloudFormationClient(config));
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
  const outputs = new Map((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  const output = (key: string): string => {
    const value = outputs.get(key);
    if (value === undefined) throw new Error(`stack ${stackName} on AWS has no output ${key}`);
    return value;
  };
  return {
    apiUrl: output('ApiEndpoint'),
    endpointUrl: undefined,
    region,
    dynamodb: () => track(new DynamoDBClient(config)),
    cloudformation: () => track(new CloudFormationClient(config)),
    lambda: () => track(new LambdaClient(config)),
    s3: () => track(new S3Client(config)),
    sqs: () => track(new SQSClient(config)),
    output,
    dispose: async () => {
      for (const client of clients) client.destroy();
    },
  };
}
