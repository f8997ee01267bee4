import { DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { GetItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeShardOf } from '../../functions/request-processor/src/time-shard.ts';
import { FUNCTION_NAME, postJson, STACK_NAME, TABLE_NAME } from '../support/local-cloud.fixture.ts';
import { type StackUnderTest, startStackUnderTest } from '../support/stack-under-test.fixture.ts';
import { onAws } from '../support/target.fixture.ts';

// Runs against the local cloud, or unchanged against AWS with TAPSTACK_TARGET=aws (README "One suite, two targets").
let cloud: StackUnderTest;
beforeAll(async () => {
  cloud = await startStackUnderTest();
});
afterAll(async () => {
  await cloud?.dispose();
});

async function storedItem(requestId: string): Promise<Record<string, unknown>> {
  const ddb = cloud.dynamodb();
  const page = await ddb.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'RequestId = :id',
      ExpressionAttributeValues: { ':id': { S: requestId } },
    }),
  );
  expect(page.Items).toHaveLength(1);
  return unmarshall(page.Items?.[0] ?? {});
}

describe('the local cloud serves lib/TapStack.json', () => {
  it('records a JSON POST with the payload 2.0 fields the gateway built, and answers the seed body shape', async () => {
    const response = await postJson(
      `${cloud.apiUrl}/capture/orders?b=2&a=1&a=3`,
      { hello: 'world' },
      {
        'user-agent': 'tapstack-e2e/1.0',
        authorization: 'Bearer secret-token',
        'x-trace': 'one',
      },
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(Object.keys(response.json ?? {}).sort()).toEqual(['message', 'requestId', 'timestamp']);
    expect(response.json?.message).toBe('Request processed successfully');
    expect(response.headers.get('apigw-requestid')).toBe(response.json?.requestId);
    const item = await storedItem(String(response.json?.requestId));
    expect(item).toMatchObject({
      Source: 'API Gateway',
      Method: 'POST',
      Path: '/capture/orders',
      QueryString: 'b=2&a=1&a=3',
      // The client's address: loopback locally, this machine's public address through AWS.
      SourceIp: onAws ? expect.stringMatching(/^[\d.:a-f]+$/) : '127.0.0.1',
      UserAgent: 'tapstack-e2e/1.0',
      ContentType: 'application/json',
      Body: '{"hello":"world"}',
      BodyEncoding: 'text',
      Timestamp: response.json?.timestamp,
    });
    const headers = item.Headers as Record<string, string>;
    expect(headers.authorization).toBe('[REDACTED]');
    expect(headers['x-trace']).toBe('one');
    expect(item.TimeShard).toBe(timeShardOf(String(item.RequestId), String(item.Timestamp)));
  });

  it('records a GET and reads it back through the time index', async () => {
    const response = await fetch(`${cloud.apiUrl}/status?probe=1`);
    const body = (await response.json()) as { requestId: string; timestamp: string };

    expect(response.status).toBe(200);
    const item = await storedItem(body.requestId);
    expect(item).toMatchObject({ Method: 'GET', Path: '/status', QueryString: 'probe=1', BodySize: 0 });
    const ddb = cloud.dynamodb();
    const byTime = await ddb.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: 'ByTime',
        KeyConditionExpression: 'TimeShard = :p AND #t = :t',
        ExpressionAttributeNames: { '#t': 'Timestamp' },
        ExpressionAttributeValues: {
          ':p': { S: timeShardOf(body.requestId, body.timestamp) },
          ':t': { S: body.timestamp },
        },
      }),
    );
    expect(byTime.Items?.map((i) => i.RequestId?.S)).toContain(body.requestId);
  });

  it('rejects malformed JSON with 400 and stores nothing for it', async () => {
    const before = (await cloud.dynamodb().send(new ScanCommand({ TableName: TABLE_NAME, Select: 'COUNT' })))
      .Count;
    const response = await fetch(cloud.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken":',
    });
    const body = (await response.json()) as Record<string, string>;

    expect(response.status).toBe(400);
    expect(body).toMatchObject({ error: 'InvalidJson', message: 'Request body is not valid JSON' });
    const after = (await cloud.dynamodb().send(new ScanCommand({ TableName: TABLE_NAME, Select: 'COUNT' })))
      .Count;
    expect(after).toBe(before);
  });

  it('answers DescribeStacks and ListStackResources for real CloudFormation SDK clients', async () => {
    const cfn = cloud.cloudformation();
    const stacks = await cfn.send(new DescribeStacksCommand({ StackName: STACK_NAME }));
    const resources = await cfn.send(new ListStackResourcesCommand({ StackName: STACK_NAME }));

    // A stack deployed on AWS and updated since is UPDATE_COMPLETE; a fresh local one CREATE_COMPLETE.
    expect(stacks.Stacks?.[0]?.StackStatus).toMatch(/^(CREATE|UPDATE)_COMPLETE$/);
    expect(stacks.Stacks?.[0]?.Outputs?.map((o) => o.OutputKey).sort()).toEqual([
      'ApiEndpoint',
      'DeadLetterQueueUrl',
      'DynamoDBTableName',
      'LambdaFunctionArn',
      'LambdaFunctionName',
      'S3BucketName',
    ]);
    expect(stacks.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'ApiEndpoint')?.ExportName).toBe(
      `${STACK_NAME}-ApiEndpoint`,
    );
    expect(
      resources.StackResourceSummaries?.every((r) =>
        /^(CREATE|UPDATE)_COMPLETE$/.test(r.ResourceStatus ?? ''),
      ),
    ).toBe(true);
    expect(resources.StackResourceSummaries?.map((r) => r.LogicalResourceId)).toEqual(
      expect.arrayContaining([
        'HttpApi',
        'RequestProcessorLambda',
        'RequestDataTable',
        'ApiLoggingBucket',
        'DeadLetterQueue',
        'ApiGateway5XXAlarm',
        'ScheduledEventRule',
      ]),
    );
  });

  it('invokes the function through the Lambda API with a real SDK client', async () => {
    const lambda = cloud.lambda();
    const event = {
      version: '0',
      id: 'e2e-scheduled-1',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: '2026-11-25T10:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:000000000000:rule/x'],
      detail: {},
    };
    const result = await lambda.send(
      new InvokeCommand({ FunctionName: FUNCTION_NAME, Payload: Buffer.from(JSON.stringify(event)) }),
    );

    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBeUndefined();
    const item = await cloud.dynamodb().send(
      new GetItemCommand({
        TableName: TABLE_NAME,
        Key: { RequestId: { S: 'e2e-scheduled-1' }, Timestamp: { S: '2026-11-25T10:00:00.000Z' } },
      }),
    );
    expect(item.Item?.Source?.S).toBe('EventBridge Scheduled Event');
  });
});
