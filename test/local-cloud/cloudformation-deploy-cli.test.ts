import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DescribeStacksCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, postJson, STACK_NAME, startLocalCloud } from '../support/local-cloud.fixture.ts';

const run = promisify(execFile);
const awsCliPresent = await run('aws', ['--version']).then(
  () => true,
  () => false,
);
if (!awsCliPresent && process.env.CI === 'true') {
  throw new Error('The AWS CLI (`aws`) is required under CI=true for the CloudFormation deploy tests');
}
if (!awsCliPresent) {
  console.warn(
    '[cloudformation-deploy-cli.test] NOT RUN: the AWS CLI (`aws`) is not installed on this machine.',
  );
}

/** The default stack gets another name, so the seed's command (stack serverless-infrastructure) makes a second one. */
const DEFAULT_STACK = 'tapstack-default';
let cloud: LocalCloud;

beforeAll(async () => {
  if (awsCliPresent) cloud = await startLocalCloud({ stackName: DEFAULT_STACK });
});
afterAll(async () => {
  await cloud?.dispose();
});

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `aws <args> --endpoint-url <local>`; resolves with the exit code and output, never throws. */
async function aws(...args: string[]): Promise<CliResult> {
  return run('aws', [...args, '--endpoint-url', cloud.endpointUrl], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
    },
    timeout: 120_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === 'number' ? error.code : -1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
}

async function awsJson<T>(...args: string[]): Promise<T> {
  const result = await aws(...args, '--output', 'json');
  if (result.code !== 0) throw new Error(`aws ${args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** The seed's own deploy command, verbatim; only `--endpoint-url` is added (by `aws`). */
const SEED_DEPLOY = [
  'cloudformation',
  'deploy',
  '--template-file',
  'lib/TapStack.json',
  '--stack-name',
  STACK_NAME,
  '--capabilities',
  'CAPABILITY_IAM',
  '--parameter-overrides',
  'EnvironmentSuffix=dev',
];

/** Assertions read through the SDK (fast); only the commands under test run the (slow to start) AWS CLI. */
async function stackOf(name: string) {
  const out = await cloud.cloudformation().send(new DescribeStacksCommand({ StackName: name }));
  const stack = out.Stacks?.[0];
  if (!stack) throw new Error(`no stack ${name}`);
  const output = (key: string) => stack.Outputs?.find((o) => o.OutputKey === key)?.OutputValue ?? '';
  return { ...stack, output };
}

async function stackError(name: string): Promise<string> {
  return cloud
    .cloudformation()
    .send(new DescribeStacksCommand({ StackName: name }))
    .then(
      () => 'exists',
      (error: Error) => error.message,
    );
}

async function itemCount(table: string): Promise<number> {
  const out = await cloud.dynamodb().send(new ScanCommand({ TableName: table, Select: 'COUNT' }));
  return out.Count ?? 0;
}

describe.runIf(awsCliPresent)(
  'aws cloudformation deploy against the local cloud',
  { timeout: 180_000 },
  () => {
    it('creates a second stack with the seed command, then reports no changes, then updates in place keeping data', async () => {
      // Act: the seed's command verbatim
      const created = await aws(...SEED_DEPLOY);
      // Assess: a second stack with its own names, API listener and table
      expect(created.stderr).toBe('');
      expect(created.stdout).toContain(`Successfully created/updated stack - ${STACK_NAME}`);
      expect(created.code).toBe(0);
      const second = await stackOf(STACK_NAME);
      expect(second.StackStatus).toBe('CREATE_COMPLETE');
      expect(second.output('DynamoDBTableName')).toBe(`${STACK_NAME}-requests`);
      expect(cloud.output('DynamoDBTableName')).toBe(`${DEFAULT_STACK}-requests`);
      expect(second.output('ApiEndpoint')).not.toBe(cloud.apiUrl);
      const posted = await postJson(second.output('ApiEndpoint'), { to: 'second' });
      expect(posted.status).toBe(200);
      expect(await itemCount(`${STACK_NAME}-requests`)).toBe(1);
      expect(await itemCount(`${DEFAULT_STACK}-requests`)).toBe(0);

      // Act: the same command again
      const again = await aws(...SEED_DEPLOY);
      // Assess: the CLI's own empty-change-set message (and its exit code 255 for it)
      expect(again.stderr).toContain(`No changes to deploy. Stack ${STACK_NAME} is up to date`);
      expect(again.code).toBe(255);

      // Act: a changed parameter
      const changed = await aws(...SEED_DEPLOY.slice(0, -1), 'EnvironmentSuffix=staging');
      // Assess: updated in place, the table and its item kept
      expect(changed.stdout).toContain(`Successfully created/updated stack - ${STACK_NAME}`);
      const updated = await stackOf(STACK_NAME);
      expect(updated.StackStatus).toBe('UPDATE_COMPLETE');
      expect(updated.Parameters).toContainEqual({
        ParameterKey: 'EnvironmentSuffix',
        ParameterValue: 'staging',
      });
      expect(updated.output('DynamoDBTableName')).toBe(`${STACK_NAME}-requests`);
      expect(await itemCount(`${STACK_NAME}-requests`)).toBe(1);
    });

    it('validates the template as the README does, and refuses it without --capabilities, creating nothing', async () => {
      // Act (the CLI starts slowly: run both side by side)
      const [validated, refused] = await Promise.all([
        awsJson<{ Parameters: { ParameterKey: string }[]; Capabilities: string[] }>(
          'cloudformation',
          'validate-template',
          '--template-body',
          'file://lib/TapStack.json',
        ),
        aws(...SEED_DEPLOY.slice(0, 5), 'no-capabilities', ...SEED_DEPLOY.slice(8)),
      ]);
      // Assess
      expect(validated.Parameters.map((p) => p.ParameterKey)).toContain('EnvironmentSuffix');
      expect(validated.Capabilities).toEqual(['CAPABILITY_IAM']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(
        'An error occurred (InsufficientCapabilitiesException) when calling the CreateChangeSet operation: Requires capabilities : [CAPABILITY_IAM]',
      );
      expect(await stackError('no-capabilities')).toBe('Stack with id no-capabilities does not exist');
      const tables = await cloud.dynamodb().send(new ListTablesCommand({}));
      expect(tables.TableNames).not.toContain('no-capabilities-requests');
    });

    it('deletes the second stack with delete-stack and its waiter while the default stack keeps serving', async () => {
      // Act
      const deleted = await aws('cloudformation', 'delete-stack', '--stack-name', STACK_NAME);
      const waited = await aws('cloudformation', 'wait', 'stack-delete-complete', '--stack-name', STACK_NAME);
      // Assess
      expect([deleted.code, deleted.stderr, waited.code, waited.stderr]).toEqual([0, '', 0, '']);
      expect(await stackError(STACK_NAME)).toBe(`Stack with id ${STACK_NAME} does not exist`);
      const functions = await cloud.lambda().send(new ListFunctionsCommand({}));
      expect(functions.Functions?.map((f) => f.FunctionName)).toEqual([`${DEFAULT_STACK}-request-processor`]);
      // The table has DeletionPolicy Retain: kept, with its data.
      expect(await itemCount(`${STACK_NAME}-requests`)).toBe(1);
      const served = await postJson(cloud.apiUrl, { still: 'serving' });
      expect(served.status).toBe(200);
      const summaries = await cloud.cloudformation().send(new ListStacksCommand({}));
      expect(summaries.StackSummaries?.map((s) => [s.StackName, s.StackStatus])).toEqual(
        expect.arrayContaining([
          [STACK_NAME, 'DELETE_COMPLETE'],
          [DEFAULT_STACK, 'CREATE_COMPLETE'],
        ]),
      );
    });
  },
);
