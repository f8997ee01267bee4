/**
 * `tapstack up --watch` on a temporary copy of the project: real files, the real watcher, the
 * real CLI process and real HTTP. Infrastructure edits go through `--template FILE` (the same
 * update path as a re-synthesized CDK app, without the CDK synth's seconds per save).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/local-cloud.fixture.ts';
import { type DevProcess, startDevProcess } from './dev-process.fixture.ts';

const REPO = resolve('.');
let project: string;
let dev: DevProcess;
let output: readonly string[] = [];
let apiUrl = '';
let endpointUrl = '';

const responses = () => join(project, 'functions/request-processor/src/responses.ts');
const templateFile = () => join(project, 'stack.json');
const clientConfig = () => ({
  endpoint: endpointUrl,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

/** Resolves with the first output line at or after `from` matching `pattern`. */
const waitForLine = (pattern: RegExp, from: number, timeoutMs?: number): Promise<string> =>
  dev.waitForLine(pattern, from, timeoutMs);

/** Rewrites a file as an editor saves it. */
function edit(path: string, change: (text: string) => string): void {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'tapstack-dev-'));
  for (const part of ['functions', 'package.json', 'tsconfig.json'])
    cpSync(join(REPO, part), join(project, part), { recursive: true });
  cpSync(join(REPO, 'lib/TapStack.json'), templateFile());
  symlinkSync(join(REPO, 'node_modules'), join(project, 'node_modules'));
  dev = startDevProcess(project, ['--template', templateFile()]);
  output = dev.output;
  const ready = await waitForLine(/^READY /, 0, 45_000);
  [, apiUrl = '', endpointUrl = ''] = ready.split(' ');
});

afterAll(async () => {
  await dev?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('npm run dev (tapstack up --watch)', () => {
  it('applies a save of an imported module (not the entry file) to the next response', async () => {
    // Prepare
    expect((await postJson(apiUrl, {})).json?.message).toBe('Request processed successfully');
    const mark = output.length;
    // Act
    edit(responses(), (t) => t.replace("'Request processed successfully'", "'saved once'"));
    const line = await waitForLine(/updated serverless-infrastructure-request-processor/, mark);
    // Assess
    expect(line).toMatch(
      /updated serverless-infrastructure-request-processor\s+[\d,]+ bytes\s+\d+ ms save→ready/,
    );
    expect((await postJson(apiUrl, {})).json?.message).toBe('saved once');
  });

  it('lets a request in flight finish on the old code while the next one gets the new code', async () => {
    // Prepare: the entry file gains a slow path (also proving entry edits are picked up).
    let mark = output.length;
    edit(join(project, 'functions/request-processor/src/index.ts'), (t) =>
      t.replace(
        /export async function handler\(event: unknown\)([^{]*)\{/,
        (whole) =>
          `${whole}\n  if ((event as { rawPath?: string }).rawPath === '/slow') await new Promise((r) => setTimeout(r, 1500));`,
      ),
    );
    await waitForLine(/updated serverless-infrastructure-request-processor/, mark);
    // Act
    const inFlight = postJson(`${apiUrl}/slow`, {});
    await new Promise((r) => setTimeout(r, 300));
    mark = output.length;
    edit(responses(), (t) => t.replace("'saved once'", "'saved twice'"));
    await waitForLine(/updated serverless-infrastructure-request-processor/, mark);
    const next = await postJson(apiUrl, {});
    // Assess
    expect((await inFlight).json?.message).toBe('saved once');
    expect(next.json?.message).toBe('saved twice');
  });

  it('reports a broken save with file:line:column and a code frame, keeps serving, and recovers', async () => {
    // Prepare
    const before = readFileSync(responses(), 'utf8');
    const brokenLine = before.split('\n').length;
    let mark = output.length;
    // Act
    writeFileSync(responses(), `${before}\nexport const broken = ;\n`);
    const failed = await waitForLine(/build failed at /, mark);
    const frame = await waitForLine(/│ export const broken = ;/, mark);
    const during = await postJson(apiUrl, {});
    mark = output.length;
    writeFileSync(responses(), before.replace("'saved twice'", "'fixed'"));
    await waitForLine(/updated serverless-infrastructure-request-processor/, mark);
    const after = await postJson(apiUrl, {});
    // Assess
    expect(failed).toContain(`functions/request-processor/src/responses.ts:${brokenLine + 1}:`);
    expect(frame).toContain('export const broken');
    expect(during.json?.message).toBe('saved twice');
    expect(after.json?.message).toBe('fixed');
  });

  it('applies an infrastructure change as a stack update without restart, keeping every stored item', async () => {
    // Prepare
    const dynamodb = new DynamoDBClient(clientConfig());
    const cloudformation = new CloudFormationClient(clientConfig());
    const count = async (table: string) =>
      (await dynamodb.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
    const stored = await count('serverless-infrastructure-requests');
    const mark = output.length;
    // Act
    edit(templateFile(), (t) => {
      const doc = JSON.parse(t);
      doc.Parameters.ThrottlingRateLimit.Default = 50;
      doc.Outputs.DevLoopCheck = { Value: 'applied' };
      return JSON.stringify(doc);
    });
    await waitForLine(/stack update complete/, mark);
    const stacks = await cloudformation.send(
      new DescribeStacksCommand({ StackName: 'serverless-infrastructure' }),
    );
    // Assess
    expect(output.slice(mark).join('\n')).toMatch(
      /Modify\s+AWS::ApiGatewayV2::Stage\s+HttpApiStage\s+\(changes DefaultRouteSettings\)/,
    );
    expect(stacks.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'DevLoopCheck')?.OutputValue).toBe(
      'applied',
    );
    expect(stored).toBeGreaterThanOrEqual(5);
    expect(await count('serverless-infrastructure-requests')).toBe(stored);
    expect((await postJson(apiUrl, {})).status).toBe(200);
    dynamodb.destroy();
    cloudformation.destroy();
  });

  it('shows a replacement as Replace with the property forcing it and the data the retained table keeps', async () => {
    // Prepare
    const mark = output.length;
    // Act
    edit(templateFile(), (t) => {
      const doc = JSON.parse(t);
      doc.Resources.RequestDataTable.Properties.TableName = 'serverless-infrastructure-requests-v2';
      return JSON.stringify(doc);
    });
    await waitForLine(/stack update complete|stack update failed/, mark);
    // Assess
    const replace =
      output.slice(mark).find((l) => /Replace\s+AWS::DynamoDB::Table\s+RequestDataTable/.test(l)) ?? '';
    expect(replace).toContain('TableName forces replacement');
    expect(replace).toMatch(
      /replaces RequestDataTable: \d+ items will be left in the retained table serverless-infrastructure-requests/,
    );
    expect(output.slice(mark).join('\n')).toContain('stack update complete');
  });
});
