// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use CloudFormation's ${} syntax
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, startCliCloud } from '../support/cli-process.fixture.ts';

/** An HTTP API and nothing else, in YAML, without EnvironmentSuffix and without an ApiEndpoint output. */
const API_ONLY = `Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: !Sub '\${AWS::StackName}-api'
      ProtocolType: HTTP
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Api
      StageName: $default
      AutoDeploy: true
`;

const QUEUE = JSON.stringify({
  Resources: { Queue: { Type: 'AWS::SQS::Queue' } },
  Outputs: { Url: { Value: { Ref: 'Queue' } } },
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('tapstack up with other templates and API-created stacks', () => {
  it('serves a template without EnvironmentSuffix, names its API in READY, and keeps API stacks across a restart', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'tapstack-up-stacks-'));
    dirs.push(dir);
    const template = join(dir, 'api.yaml');
    writeFileSync(template, API_ONLY);
    const args = ['--template', template, '--stack-name', 'api-only'];
    // Act
    const first = await startCliCloud(join(dir, 'data'), args);
    const client = new CloudFormationClient({
      endpoint: first.endpointUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await client.send(new CreateStackCommand({ StackName: 'from-api', TemplateBody: QUEUE }));
    const response = await fetch(first.apiUrl);
    first.child.kill('SIGINT');
    await exited(first.child);
    const second = await startCliCloud(join(dir, 'data'), args);
    const again = new CloudFormationClient({
      endpoint: second.endpointUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const stacks = await again.send(new DescribeStacksCommand({}));
    second.child.kill('SIGINT');
    await exited(second.child);
    client.destroy();
    again.destroy();
    // Assess
    expect(first.output.join('\n')).toContain('Deploying api-only from');
    expect(first.output.join('\n')).not.toContain('EnvironmentSuffix');
    expect(first.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(response.status).toBe(404);
    expect(second.output.join('\n')).toContain('No changes');
    expect(second.apiUrl).toBe(first.apiUrl);
    expect(stacks.Stacks?.map((s) => [s.StackName, s.StackStatus]).sort()).toEqual([
      ['api-only', 'CREATE_COMPLETE'],
      ['from-api', 'CREATE_COMPLETE'],
    ]);
  });
});
