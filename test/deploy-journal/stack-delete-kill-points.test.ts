/**
 * A whole-stack DeleteStack (what `tapstack destroy` sends) killed with SIGKILL at journal-placed
 * points: after each kill, the next start finishes the delete, printing each step. The stack is
 * gone (DescribeStacks by name: "does not exist"), none of its resources is left, and the retained
 * bucket stays and is printed as DELETE_SKIPPED. The stack is an extra one created through the
 * CloudFormation API, so `tapstack up` (which deploys the default stack) does not re-create it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, type RunningCloud, startCliCloud } from '../support/cli-process.fixture.ts';
import { copyDataDir, upUntilKilled } from '../support/kill-points.fixture.ts';

const DOOMED = 'doomed';
const TEMPLATE = {
  Resources: {
    KeptBucket: {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      Properties: { BucketName: 'doomed-kept-bucket' },
    },
    GoneQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'doomed-queue' } },
    GoneTopic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'doomed-topic' } },
    GoneLogs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/doomed/logs' } },
  },
};

const config = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

async function stop(cloud: RunningCloud): Promise<void> {
  cloud.child.kill('SIGTERM');
  await exited(cloud.child);
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the restarted cloud holds of the doomed stack. */
async function doomedState(endpoint: string) {
  const cfn = new CloudFormationClient(config(endpoint));
  const s3 = new S3Client({ ...config(endpoint), forcePathStyle: true });
  const sqs = new SQSClient(config(endpoint));
  const sns = new SNSClient(config(endpoint));
  const logs = new CloudWatchLogsClient(config(endpoint));
  try {
    const described = await cfn
      .send(new DescribeStacksCommand({ StackName: DOOMED }))
      .then((out) => out.Stacks?.[0]?.StackStatus ?? 'none')
      .catch((error: Error) => error.message);
    const bucketKept = await s3.send(new HeadBucketCommand({ Bucket: 'doomed-kept-bucket' })).then(
      () => true,
      () => false,
    );
    const queues = (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'doomed' }))).QueueUrls ?? [];
    const topics = ((await sns.send(new ListTopicsCommand({}))).Topics ?? []).filter((t) =>
      t.TopicArn?.endsWith(':doomed-topic'),
    );
    const groups =
      (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/doomed' }))).logGroups ?? [];
    return {
      described,
      bucketKept,
      left: queues.length + topics.length + groups.length,
    };
  } finally {
    for (const client of [cfn, s3, sqs, sns, logs]) client.destroy();
  }
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a whole-stack delete killed at journal entries', () => {
  let baseline: string;

  beforeAll(async () => {
    baseline = mkdtempSync(join(tmpdir(), 'tapstack-kill-del-base-'));
    dirs.push(baseline);
    const cloud = await startCliCloud(baseline);
    const cfn = new CloudFormationClient(config(cloud.endpointUrl));
    await cfn.send(new CreateStackCommand({ StackName: DOOMED, TemplateBody: JSON.stringify(TEMPLATE) }));
    await waitFor(
      async () =>
        (await cfn.send(new DescribeStacksCommand({ StackName: DOOMED }))).Stacks?.[0]?.StackStatus ===
        'CREATE_COMPLETE',
      'the doomed stack to be created',
    );
    cfn.destroy();
    await stop(cloud);
  }, 60_000);

  // Entry 1 is `begin`; then an intent and an outcome for each resource step (log group, topic,
  // queue, then the retained bucket skipped); the last is `end`.
  it.each([1, 2, 5, 9])(
    'the next start finishes a DeleteStack killed before journal entry %i',
    async (killAt) => {
      const dataDir = copyDataDir(baseline, `tapstack-kill-del-${killAt}-`);
      dirs.push(dataDir);
      // A start with nothing to change writes no journal entry: the delete's entries count from 1.
      const armed = await startArmed(dataDir, killAt);
      const cfn = new CloudFormationClient(config(armed.endpointUrl));
      const acknowledged = await cfn.send(new DeleteStackCommand({ StackName: DOOMED })).then(
        () => true,
        () => false,
      );
      cfn.destroy();
      await waitFor(async () => armed.child.signalCode === 'SIGKILL', `the kill before entry ${killAt}`);

      const cloud = await startCliCloud(dataDir);
      try {
        const state = await doomedState(cloud.endpointUrl);
        const where = `delete killed before journal entry ${killAt}`;
        if (killAt === 1) {
          // Killed before the delete's first entry: it never started, and DeleteStack was never
          // acknowledged (the answer comes after the operation began), so the stack stands.
          expect(acknowledged, where).toBe(false);
          expect(state.described, where).toBe('CREATE_COMPLETE');
          expect(state.left, where).toBe(3);
        } else {
          expect(state.described, where).toBe('Stack with id doomed does not exist');
          expect(state.left, where).toBe(0);
          expect(cloud.output.join('\n'), where).toMatch(/Resuming the delete of stack doomed/);
          expect(cloud.output.join('\n'), where).toMatch(/DELETE_SKIPPED\s+AWS::S3::Bucket\s+KeptBucket/);
          expect(cloud.output.join('\n'), where).toMatch(
            /DELETE_COMPLETE\s+AWS::CloudFormation::Stack\s+doomed/,
          );
        }
        expect(state.bucketKept, where).toBe(true);
      } finally {
        await stop(cloud);
      }
    },
    40_000,
  );
});

/** `tapstack up` on a deployed data directory with the kill hook armed for the operation that follows. */
async function startArmed(dataDir: string, killAt: number): Promise<RunningCloud> {
  const result = await upUntilKilled(dataDir, [], killAt);
  if (result.killed) throw new Error(`killed during start, before the delete (entry ${killAt})`);
  return result.cloud;
}
