// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use CloudFormation's ${} syntax
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/src/index.ts';

const run = promisify(execFile);

/** A YAML template without EnvironmentSuffix: a named queue (renaming replaces it) and a retained topic. */
const TEMPLATE = `Parameters:
  QueueName:
    Type: String
    Default: cli-q
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Ref QueueName
  Topic:
    Type: AWS::SNS::Topic
    DeletionPolicy: Retain
    Properties:
      DisplayName: !Sub '\${QueueName}-topic'
Outputs:
  Url:
    Value: !Ref Queue
`;

let engine: Engine;
let dir: string;
let templateFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tapstack-cli-stack-'));
  templateFile = join(dir, 'queue.yaml');
  writeFileSync(templateFile, TEMPLATE);
  engine = await Engine.start({ dataDir: join(dir, 'data'), port: 0, apiBasePort: 0, onWarning: () => {} });
});
afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the built `tapstack` against the engine; resolves with exit code and output. */
async function tapstack(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['dist/tapstack.js', ...args, '--endpoint-url', engine.endpointUrl], {
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === 'number' ? error.code : -1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
}

const stackArgs = () => ['--stack-name', 'cli-stack', '--template', templateFile];

describe('tapstack diff, deploy and destroy', () => {
  it('deploys a YAML template showing the change set and each stack event, then reports no changes', async () => {
    // Act
    const deployed = await tapstack('deploy', ...stackArgs());
    const again = await tapstack('deploy', ...stackArgs(), '--json');
    // Assess
    expect(deployed.code).toBe(0);
    expect(deployed.stdout).toMatch(/\+ Add +AWS::SQS::Queue +Queue/);
    expect(deployed.stdout).toMatch(/CREATE_COMPLETE +AWS::SQS::Queue +Queue/);
    expect(deployed.stdout).toMatch(/CREATE_COMPLETE +AWS::CloudFormation::Stack +cli-stack/);
    expect(deployed.stdout).toContain('Successfully created/updated stack - cli-stack');
    expect(JSON.parse(again.stdout)).toEqual({ stackName: 'cli-stack', status: 'NO_CHANGES', changes: [] });
  });

  it('diffs a renamed queue as a replacement naming the property, and changes nothing', async () => {
    // Act
    const human = await tapstack('diff', ...stackArgs(), '-p', 'QueueName=other-q');
    const json = await tapstack('diff', ...stackArgs(), '-p', 'QueueName=other-q', '--json');
    // Assess
    expect(human.stdout).toMatch(/± Replace +AWS::SQS::Queue +Queue +\(QueueName forces replacement\)/);
    // The local SNS topic cannot change in place, so its new DisplayName replaces it too.
    expect(human.stdout).toMatch(/± Replace +AWS::SNS::Topic +Topic +\(DisplayName forces replacement\)/);
    expect(JSON.parse(json.stdout).changes).toEqual([
      expect.objectContaining({ action: 'Replace', logicalId: 'Queue', properties: ['QueueName'] }),
      expect.objectContaining({ action: 'Replace', logicalId: 'Topic', properties: ['DisplayName'] }),
    ]);
    const stack = engine.deployer.describeStacks('cli-stack')[0];
    expect(stack?.status).toBe('CREATE_COMPLETE');
    expect(stack?.parameters).toEqual([{ key: 'QueueName', value: 'cli-q' }]);
  });

  it('refuses to destroy without a terminal or --yes, then destroys listing what it kept', async () => {
    // Act
    const refused = await tapstack('destroy', 'cli-stack');
    const destroyed = await tapstack('destroy', 'cli-stack', '--yes', '--json');
    const missing = await tapstack('destroy', 'cli-stack', '--yes');
    // Assess
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refusing to delete cli-stack without confirmation');
    expect(JSON.parse(destroyed.stdout)).toEqual({
      stackName: 'cli-stack',
      status: 'DELETE_COMPLETE',
      retained: [expect.objectContaining({ logicalId: 'Topic', type: 'AWS::SNS::Topic' })],
    });
    expect(engine.deployer.describeStacks().map((s) => s.stackName)).not.toContain('cli-stack');
    expect(engine.services.sqs.listQueues().QueueUrls ?? []).toEqual([]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('stack cli-stack does not exist');
  });
});
