import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListStackResourcesCommand,
  UpdateStackCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/src/index.ts';
import { type LocalCloud, postJson, startLocalCloud } from '../support/local-cloud.fixture.ts';

const STACK = 'sdk-stack';
const IMPORTER = `Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Select [5, !Split [':', !ImportValue shared-queue-arn]]
`;
const TEMPLATE = readFileSync('lib/TapStack.json', 'utf8');
/** Waiters with AWS's own delays; a poll that does not see the final state would sleep 5 s or more. */
const WAIT = { maxWaitTime: 120, minDelay: 5 };

let cloud: LocalCloud;
let restarted: Engine | undefined;
beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(async () => {
  await restarted?.close();
  await cloud?.dispose();
});

/** A CloudFormation client that records the operations it sends. */
function countingClient(endpoint: string): { client: CloudFormationClient; sent: string[] } {
  const client = new CloudFormationClient({ ...cloud.clientConfig, endpoint });
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize' },
  );
  return { client, sent };
}

async function stackIdOf(client: CloudFormationClient): Promise<string> {
  const out = await client.send(new DescribeStacksCommand({ StackName: STACK }));
  return out.Stacks?.[0]?.StackId ?? '';
}

async function outputOf(client: CloudFormationClient, key: string): Promise<string> {
  const out = await client.send(new DescribeStacksCommand({ StackName: STACK }));
  return out.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === key)?.OutputValue ?? '';
}

describe('@aws-sdk/client-cloudformation and its waiters against the local cloud', () => {
  it('creates a second stack through a change set; each waiter sees the final state on its first poll', async () => {
    // Prepare
    const { client, sent } = countingClient(cloud.endpointUrl);
    // Act
    const made = await client.send(
      new CreateChangeSetCommand({
        StackName: STACK,
        ChangeSetName: 'create-1',
        ChangeSetType: 'CREATE',
        TemplateBody: TEMPLATE,
        Capabilities: ['CAPABILITY_IAM'],
        Parameters: [{ ParameterKey: 'EnvironmentSuffix', ParameterValue: 'dev' }],
        Tags: [{ Key: 'owner', Value: 'sdk' }],
      }),
    );
    const changeSet = await waitUntilChangeSetCreateComplete(
      { client, ...WAIT },
      { StackName: STACK, ChangeSetName: made.Id },
    );
    const described = await client.send(new DescribeChangeSetCommand({ ChangeSetName: made.Id }));
    await client.send(new ExecuteChangeSetCommand({ ChangeSetName: made.Id }));
    const created = await waitUntilStackCreateComplete({ client, ...WAIT }, { StackName: STACK });
    // Assess
    expect(changeSet.state).toBe('SUCCESS');
    expect(created.state).toBe('SUCCESS');
    expect(sent.filter((name) => name === 'DescribeStacksCommand')).toHaveLength(1);
    expect(sent.filter((name) => name === 'DescribeChangeSetCommand')).toHaveLength(2);
    expect(described.Changes?.every((c) => c.ResourceChange?.Action === 'Add')).toBe(true);
    // Every resource but the alarm e-mail subscription, which a condition leaves out.
    expect(described.Changes).toHaveLength(Object.keys(JSON.parse(TEMPLATE).Resources).length - 1);
    const stack = (await client.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0];
    expect(stack?.StackId).toBe(made.StackId);
    expect(stack?.Tags).toEqual([{ Key: 'owner', Value: 'sdk' }]);
    const api = await outputOf(client, 'ApiEndpoint');
    expect(api).not.toBe(cloud.apiUrl);
    expect((await postJson(api, { via: 'sdk' })).status).toBe(200);
  });

  it('updates a parameter with UsePreviousValue for the rest, keeping the table and its items', async () => {
    // Prepare
    const { client, sent } = countingClient(cloud.endpointUrl);
    const dynamodb = new DynamoDBClient(cloud.clientConfig);
    const table = await outputOf(client, 'DynamoDBTableName');
    // Act
    await client.send(
      new UpdateStackCommand({
        StackName: STACK,
        UsePreviousTemplate: true,
        Capabilities: ['CAPABILITY_IAM'],
        Parameters: [
          { ParameterKey: 'EnvironmentSuffix', ParameterValue: 'staging' },
          { ParameterKey: 'ThrottlingRateLimit', UsePreviousValue: true },
        ],
      }),
    );
    const updated = await waitUntilStackUpdateComplete({ client, ...WAIT }, { StackName: STACK });
    const noChange = await client
      .send(
        new UpdateStackCommand({
          StackName: STACK,
          UsePreviousTemplate: true,
          Capabilities: ['CAPABILITY_IAM'],
          Parameters: [{ ParameterKey: 'EnvironmentSuffix', UsePreviousValue: true }],
        }),
      )
      .then(
        () => 'no error',
        (error: Error) => `${error.name}: ${error.message}`,
      );
    // Assess
    expect(updated.state).toBe('SUCCESS');
    expect(sent.filter((name) => name === 'DescribeStacksCommand')).toHaveLength(2);
    expect(noChange).toBe('ValidationError: No updates are to be performed.');
    expect(await outputOf(client, 'DynamoDBTableName')).toBe(table);
    const items = await dynamodb.send(new ScanCommand({ TableName: table, Select: 'COUNT' }));
    expect(items.Count).toBe(1);
    dynamodb.destroy();
  });

  it('creates a stack from a YAML TemplateURL in the local S3 that imports the second stack’s export', async () => {
    // Prepare
    const { client } = countingClient(cloud.endpointUrl);
    const s3 = cloud.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'templates' }));
    await s3.send(new PutObjectCommand({ Bucket: 'templates', Key: 'importer.yaml', Body: IMPORTER }));
    await client.send(
      new CreateStackCommand({
        StackName: 'exporter',
        TemplateBody: JSON.stringify({
          Resources: { Q: { Type: 'AWS::SQS::Queue' } },
          Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Q', 'Arn'] }, Export: { Name: 'shared-queue-arn' } } },
        }),
      }),
    );
    // Act
    await client.send(
      new CreateStackCommand({
        StackName: 'importer',
        TemplateURL: `${cloud.endpointUrl}/templates/importer.yaml`,
      }),
    );
    const created = await waitUntilStackCreateComplete({ client, ...WAIT }, { StackName: 'importer' });
    const blocked = await client.send(new DeleteStackCommand({ StackName: 'exporter' })).then(
      () => 'deleted',
      (error: Error) => error.message,
    );
    // Assess
    expect(created.state).toBe('SUCCESS');
    const topic = await client.send(
      new DescribeStackResourceCommand({ StackName: 'importer', LogicalResourceId: 'Topic' }),
    );
    expect(topic.StackResourceDetail?.ResourceStatus).toBe('CREATE_COMPLETE');
    expect(blocked).toBe('Export shared-queue-arn cannot be deleted as it is in use by importer');
    const exporter = await client.send(new DescribeStacksCommand({ StackName: 'exporter' }));
    expect(exporter.Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
  });

  it('ends a delete that a non-empty bucket stops in DELETE_FAILED naming it; the waiter reports the failure', async () => {
    // Prepare
    const { client } = countingClient(cloud.endpointUrl);
    await client.send(
      new CreateStackCommand({
        StackName: 'with-bucket',
        TemplateBody: JSON.stringify({
          Resources: { Store: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'kept-objects' } } },
        }),
      }),
    );
    await cloud.s3().send(new PutObjectCommand({ Bucket: 'kept-objects', Key: 'a.txt', Body: 'data' }));
    // Act
    await client.send(new DeleteStackCommand({ StackName: 'with-bucket' }));
    const waited = await waitUntilStackDeleteComplete({ client, ...WAIT }, { StackName: 'with-bucket' }).then(
      (result) => result.state,
      (error: Error) => error.name,
    );
    // Assess
    expect(waited).not.toBe('SUCCESS');
    const stack = (await client.send(new DescribeStacksCommand({ StackName: 'with-bucket' }))).Stacks?.[0];
    expect(stack).toMatchObject({
      StackStatus: 'DELETE_FAILED',
      StackStatusReason: 'The following resource(s) failed to delete: [Store].',
    });
    const store = await client.send(
      new DescribeStackResourceCommand({ StackName: 'with-bucket', LogicalResourceId: 'Store' }),
    );
    expect(store.StackResourceDetail?.ResourceStatus).toBe('DELETE_FAILED');
    expect(store.StackResourceDetail?.ResourceStatusReason).toMatch(/BucketNotEmpty/);
  });

  it('keeps stacks created through the API across a restart', async () => {
    // Prepare
    const before = await new CloudFormationClient(cloud.clientConfig).send(
      new DescribeStacksCommand({ StackName: STACK }),
    );
    await cloud.stop();
    // Act
    restarted = await Engine.start({ dataDir: cloud.dataDir, port: 0, apiBasePort: 0, onWarning: () => {} });
    const { client } = countingClient(restarted.endpointUrl);
    const after = await client.send(new DescribeStacksCommand({ StackName: STACK }));
    // Assess
    expect(after.Stacks?.[0]).toMatchObject({
      StackId: before.Stacks?.[0]?.StackId,
      StackStatus: 'UPDATE_COMPLETE',
      Tags: [{ Key: 'owner', Value: 'sdk' }],
    });
    expect((await postJson(await outputOf(client, 'ApiEndpoint'), { after: 'restart' })).status).toBe(200);
  });

  it('deletes the stack with its waiter: resources and their files gone, Retain ones kept and listed', async () => {
    // Prepare
    if (!restarted) throw new Error('the restart test runs first');
    const { client } = countingClient(restarted.endpointUrl);
    const resources = await client.send(new ListStackResourcesCommand({ StackName: STACK }));
    const stackIdBefore = await stackIdOf(client);
    const physical = (id: string) =>
      resources.StackResourceSummaries?.find((r) => r.LogicalResourceId === id)?.PhysicalResourceId ?? '';
    const queueFile = join(cloud.dataDir, 'sqs', 'queues', `${STACK}-dlq.json`);
    const bucketFile = join(cloud.dataDir, 's3', 'buckets', `${physical('ApiLoggingBucket')}.json`);
    expect([existsSync(queueFile), existsSync(bucketFile)]).toEqual([true, true]);
    // Act
    await client.send(new DeleteStackCommand({ StackName: STACK }));
    const deleted = await waitUntilStackDeleteComplete({ client, ...WAIT }, { StackName: STACK });
    // Assess
    expect(deleted.state).toBe('SUCCESS');
    expect(existsSync(queueFile)).toBe(false);
    expect(existsSync(bucketFile)).toBe(true);
    const gone = await client.send(new DescribeStacksCommand({ StackName: STACK })).then(
      () => 'still there',
      (error: Error) => error.message,
    );
    expect(gone).toBe(`Stack with id ${STACK} does not exist`);
    const events = await client.send(new DescribeStackEventsCommand({ StackName: stackIdBefore }));
    const skipped = events.StackEvents?.filter((e) => e.ResourceStatus === 'DELETE_SKIPPED').map(
      (e) => e.LogicalResourceId,
    );
    expect(skipped?.sort()).toEqual(['ApiLoggingBucket', 'RequestDataTable']);
    expect(events.StackEvents?.[0]).toMatchObject({
      LogicalResourceId: STACK,
      ResourceStatus: 'DELETE_COMPLETE',
    });
  });
});
