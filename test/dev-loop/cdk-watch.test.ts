/**
 * `tapstack up --watch` in CDK mode on a temporary project: a CDK app in infra/src/synth.ts (a
 * small one, see cdk-app.fixture.ts, so each synth takes seconds), the project's `synth` script,
 * lib/TapStack.json written by it. Real files, the real watcher, the real CLI process and its
 * real `npm run synth`; the stack is read back over the AWS endpoint.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevProcess, startDevProcess } from './dev-process.fixture.ts';

const REPO = resolve('.');
const STACK = 'serverless-infrastructure';
let project: string;
let dev: DevProcess;
let endpointUrl = '';

const app = () => join(project, 'infra/src/synth.ts');
const template = () => JSON.parse(readFileSync(join(project, 'lib/TapStack.json'), 'utf8'));
const edit = (path: string, change: (text: string) => string) =>
  writeFileSync(path, change(readFileSync(path, 'utf8')));
const clientConfig = () => ({
  endpoint: endpointUrl,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'tapstack-dev-cdk-'));
  mkdirSync(join(project, 'infra/src'), { recursive: true });
  mkdirSync(join(project, 'lib'));
  cpSync(join(REPO, 'test/dev-loop/cdk-app.fixture.ts'), app());
  // The project's own synth script, so the dev loop's `npm run synth` runs what a user's would.
  const { scripts } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'dev-loop-cdk',
      private: true,
      type: 'module',
      scripts: { synth: scripts.synth },
    }),
  );
  symlinkSync(join(REPO, 'node_modules'), join(project, 'node_modules'));
  execFileSync('npm', ['run', '--silent', 'synth'], { cwd: project, stdio: 'ignore' });
  dev = startDevProcess(project);
  const ready = await dev.waitForLine(/^READY /, 0, 45_000);
  endpointUrl = ready.split(' ')[2] ?? '';
});

afterAll(async () => {
  await dev?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('npm run dev with the CDK app', () => {
  it('keeps the stack as deployed when the CDK app fails to synthesize, and watching goes on', async () => {
    // Prepare
    const before = readFileSync(join(project, 'lib/TapStack.json'), 'utf8');
    const mark = dev.output.length;
    // Act
    edit(app(), (t) => `${t}\nconst broken = ;\n`);
    await dev.waitForLine(/synth failed; the stack stays as deployed/, mark);
    // Assess
    expect(dev.output.slice(mark).join('\n')).toContain('infra changed: synthesizing (npm run synth)');
    expect(readFileSync(join(project, 'lib/TapStack.json'), 'utf8')).toBe(before);
    expect(dev.output.slice(mark).join('\n')).not.toContain('stack update');
  });

  it('re-synthesizes lib/TapStack.json through npm run synth and applies it as a live update, keeping the data', async () => {
    // Prepare
    const dynamodb = new DynamoDBClient(clientConfig());
    const cloudformation = new CloudFormationClient(clientConfig());
    const outputs = async () =>
      Object.fromEntries(
        (
          (await cloudformation.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0]?.Outputs ??
          []
        ).map((o) => [o.OutputKey, o.OutputValue]),
      );
    const { TableName: tableName = '' } = await outputs();
    for (const id of ['a', 'b', 'c'])
      await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { id: { S: id } } }));
    const mark = dev.output.length;
    // Act: the fix of the broken save above, with a new default, a table setting and an output.
    edit(app(), (t) =>
      t
        .replace('\nconst broken = ;\n', '')
        .replace("default: 'hello'", "default: 'edited'")
        .replace(
          'removalPolicy: RemovalPolicy.RETAIN,',
          "removalPolicy: RemovalPolicy.RETAIN,\n  timeToLiveAttribute: 'expiresAt',",
        )
        .replace(
          "new CfnOutput(stack, 'GreetingOut'",
          "new CfnOutput(stack, 'Added', { value: 'by the dev loop' });\nnew CfnOutput(stack, 'GreetingOut'",
        ),
    );
    await dev.waitForLine(/stack update complete|stack update failed/, mark, 45_000);
    const after = await outputs();
    const items = await dynamodb.send(new ScanCommand({ TableName: tableName }));
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    // Assess
    const printed = dev.output.slice(mark).join('\n');
    expect(printed).toMatch(/wrote lib\/TapStack\.json \(\d+ ms\)/);
    expect(printed).toMatch(/Modify\s+AWS::DynamoDB::Table\s+Items\w*\s+\(changes TimeToLiveSpecification\)/);
    expect(printed).toContain('stack update complete');
    const written = template();
    expect(written.Metadata).toEqual({ SynthesizedBy: 'npm run synth' });
    expect(written.Parameters.Greeting.Default).toBe('edited');
    expect(written.Outputs.Added).toEqual({ Value: 'by the dev loop' });
    expect(after).toMatchObject({ TableName: tableName, GreetingOut: 'edited', Added: 'by the dev loop' });
    expect(items.Items?.map((i) => i.id?.S).sort()).toEqual(['a', 'b', 'c']);
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED',
    });
    dynamodb.destroy();
    cloudformation.destroy();
  });
});
