import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EndpointFixture, KNOWN_KEY, KNOWN_SECRET, startEndpoint } from './endpoint.fixture.ts';

const run = promisify(execFile);

/** The AWS CLI is an external program: required under CI, skipped (and said so) elsewhere. */
const cliPresent = await run('aws', ['--version']).then(
  () => true,
  () => false,
);
if (!cliPresent && process.env.CI === 'true') {
  throw new Error('The AWS CLI (`aws`) is required under CI=true for the endpoint CLI tests');
}
if (!cliPresent) console.warn('aws-cli.test.ts: the AWS CLI is not installed; these tests were NOT run');

let fx: EndpointFixture;

beforeAll(async () => {
  if (cliPresent) fx = await startEndpoint(new Set());
});
afterAll(async () => fx?.close());

/** Runs `aws <args> --output json` against the endpoint with fake credentials; never blocks the event loop. */
async function aws(...args: string[]): Promise<unknown> {
  return awsAs({ key: 'test', secret: 'test' }, ...args);
}

async function awsAs(credentials: { key: string; secret: string }, ...args: string[]): Promise<unknown> {
  const { stdout } = await run('aws', ['--endpoint-url', fx.url, '--output', 'json', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      AWS_ACCESS_KEY_ID: credentials.key,
      AWS_SECRET_ACCESS_KEY: credentials.secret,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
    },
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

describe.runIf(cliPresent)('the AWS CLI against the endpoint', () => {
  it('describes stacks', async () => {
    // Act
    const out = (await aws('cloudformation', 'describe-stacks')) as {
      Stacks: { StackName: string; Outputs: { OutputKey: string }[] }[];
    };
    // Assess
    expect(out.Stacks.map((s) => s.StackName)).toEqual(['TapStack']);
    expect(out.Stacks[0]?.Outputs.map((o) => o.OutputKey)).toEqual(['ApiUrl', 'TableName']);
  });

  it('reports an unknown stack as the CLI error AWS gives', async () => {
    // Act
    const failure = await aws('cloudformation', 'describe-stacks', '--stack-name', 'Nope').then(
      () => '',
      (error: { stderr: string }) => error.stderr,
    );
    // Assess
    expect(failure).toContain(
      'An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id Nope does not exist',
    );
  });

  it('gets the caller identity', async () => {
    // Act
    const out = await aws('sts', 'get-caller-identity');
    // Assess
    expect(out).toEqual({
      UserId: '000000000000',
      Account: '000000000000',
      Arn: 'arn:aws:iam::000000000000:root',
    });
  });

  it('lists stack resources and DynamoDB tables', async () => {
    // Act
    const resources = (await aws('cloudformation', 'list-stack-resources', '--stack-name', 'TapStack')) as {
      StackResourceSummaries: { LogicalResourceId: string }[];
    };
    const tables = await aws('dynamodb', 'list-tables');
    // Assess
    expect(resources.StackResourceSummaries.map((r) => r.LogicalResourceId)).toEqual([
      'RequestTable',
      'RequestQueue',
    ]);
    expect(tables).toEqual({ TableNames: [] });
  });

  it('signs in a way the endpoint verifies: right secret accepted, wrong one refused', async () => {
    // Act
    const accepted = await awsAs({ key: KNOWN_KEY, secret: KNOWN_SECRET }, 'cloudformation', 'list-stacks');
    const refused = await awsAs({ key: KNOWN_KEY, secret: 'wrong' }, 'cloudformation', 'list-stacks').then(
      () => '',
      (error: { stderr: string }) => error.stderr,
    );
    // Assess
    expect(accepted).toHaveProperty('StackSummaries');
    expect(refused).toContain('(SignatureDoesNotMatch)');
  });
});
