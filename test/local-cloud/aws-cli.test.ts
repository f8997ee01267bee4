import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FUNCTION_NAME,
  type LocalCloud,
  postJson,
  STACK_NAME,
  TABLE_NAME,
} from '../support/local-cloud.fixture.ts';
import { type StackUnderTest, startStackUnderTest } from '../support/stack-under-test.fixture.ts';
import { localOnly, onAws } from '../support/target.fixture.ts';

const run = promisify(execFile);
const awsCliPresent = await run('aws', ['--version']).then(
  () => true,
  () => false,
);
if (!awsCliPresent && process.env.CI !== 'true') {
  console.warn('[aws-cli.test] NOT RUN: the AWS CLI (`aws`) is not installed on this machine.');
}

// Runs against the local cloud, or unchanged against AWS with TAPSTACK_TARGET=aws (README "One suite, two targets").
let cloud: StackUnderTest;
beforeAll(async () => {
  if (awsCliPresent) cloud = await startStackUnderTest();
});
afterAll(async () => {
  await cloud?.dispose();
});

async function aws(...args: string[]): Promise<unknown> {
  const endpoint = cloud.endpointUrl === undefined ? [] : ['--endpoint-url', cloud.endpointUrl];
  // Locally any credentials do; on AWS the caller's own configuration is used.
  const credentials = onAws
    ? {}
    : { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1' };
  const { stdout } = await run('aws', [...endpoint, '--output', 'json', ...args], {
    env: { ...process.env, ...credentials, AWS_PAGER: '' },
  });
  return stdout.trim() === '' ? undefined : JSON.parse(stdout);
}

describe('the AWS CLI against the local cloud', () => {
  it.runIf(process.env.CI === 'true')('is installed when CI runs', () => {
    expect(awsCliPresent).toBe(true);
  });

  it.skipIf(!awsCliPresent)(
    'describes the stack, scans the table, invokes the function and lists every service',
    async () => {
      const posted = await postJson(cloud.apiUrl, { via: 'api' });

      // The CLI starts slowly (a few seconds each on a busy machine): run the calls side by side.
      const [stacks, scan, functions, buckets, queues, groups, alarms, rules] = (await Promise.all([
        aws('cloudformation', 'describe-stacks', '--stack-name', STACK_NAME),
        aws('dynamodb', 'scan', '--table-name', TABLE_NAME),
        aws('lambda', 'list-functions'),
        aws('s3api', 'list-buckets'),
        aws('sqs', 'list-queues'),
        aws('logs', 'describe-log-groups'),
        aws('cloudwatch', 'describe-alarms'),
        aws('events', 'list-rules'),
      ])) as [
        { Stacks: { StackStatus: string }[] },
        { Items: { RequestId: { S: string } }[] },
        { Functions: { FunctionName: string }[] },
        { Buckets: { Name: string }[] },
        { QueueUrls: string[] },
        { logGroups: { logGroupName: string }[] },
        { MetricAlarms: { AlarmName: string; MetricName: string }[] },
        { Rules: { Name: string; ScheduleExpression: string }[] },
      ];

      expect(stacks.Stacks[0]?.StackStatus).toMatch(/^(CREATE|UPDATE)_COMPLETE$/);
      expect(scan.Items.map((i) => i.RequestId.S)).toContain(posted.json?.requestId);
      expect(functions.Functions.map((f) => f.FunctionName)).toContain(FUNCTION_NAME);
      expect(buckets.Buckets.map((b) => b.Name)).toContain(cloud.output('S3BucketName'));
      expect(queues.QueueUrls).toContain(cloud.output('DeadLetterQueueUrl'));
      expect(groups.logGroups.map((g) => g.logGroupName)).toContain(`/aws/lambda/${FUNCTION_NAME}`);
      expect(
        alarms.MetricAlarms.find((a) => a.AlarmName === `${STACK_NAME}-api-5xx-errors`)?.MetricName,
      ).toBe('5xx');
      expect(rules.Rules.find((r) => r.Name === `${STACK_NAME}-daily-schedule`)?.ScheduleExpression).toBe(
        'rate(24 hours)',
      );
    },
  );

  it.skipIf(!awsCliPresent || localOnly('writes log events through the engine'))(
    'filter-log-events applies OR terms, quoted phrases, JSON and space-delimited patterns',
    async () => {
      const group = `/aws/lambda/${FUNCTION_NAME}`;
      const now = Date.now();
      (cloud as LocalCloud).engine.services.logs.putLogEvents(group, 'cli-filter', [
        { timestamp: now, message: '{"level":"ERROR","status":503}' },
        { timestamp: now + 1, message: 'abc Task timed out after 3.00 seconds' },
        { timestamp: now + 2, message: '127.0.0.1 - - [x] "GET /a HTTP/1.1" 404 12' },
      ]);
      const filter = async (pattern: string) =>
        (
          (await aws(
            'logs',
            'filter-log-events',
            '--log-group-name',
            group,
            '--log-stream-names',
            'cli-filter',
            '--filter-pattern',
            pattern,
          )) as {
            events: { message: string }[];
          }
        ).events.map((e) => e.message);

      const [orTerms, json, spaced] = await Promise.all([
        filter('?ERROR ?"Task timed out"'),
        filter('{ $.status >= 500 && $.level = "ERR*" }'),
        filter('[ip, user, name, time, request = "GET *", status = 4*, bytes < 100]'),
      ]);

      expect(orTerms).toEqual(['{"level":"ERROR","status":503}', 'abc Task timed out after 3.00 seconds']);
      expect(json).toEqual(['{"level":"ERROR","status":503}']);
      expect(spaced).toEqual(['127.0.0.1 - - [x] "GET /a HTTP/1.1" 404 12']);
    },
  );
});
