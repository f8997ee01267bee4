// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use CloudFormation's ${} syntax
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../providers/registry.ts';
import { VirtualClock } from '../runtime/clock.ts';
import { TemplateError } from '../template/template-error.ts';
import { DeployError } from './deploy-error.ts';
import { FakeCloud } from './fake-cloud.fixture.ts';
import { StackDeployer, type StackDeployerOptions } from './stack-deployer.ts';
import type { StackEvent } from './types.ts';

function setup(options: Partial<StackDeployerOptions> = {}) {
  const cloud = new FakeCloud();
  const registry = createRegistry([
    cloud.provider('Test::Queue'),
    cloud.provider('Test::Function', { replacement: ['Name'] }),
    cloud.provider('Test::Fixed', { updatable: false }),
  ]);
  const statePath = join(mkdtempSync(join(tmpdir(), 'deployer-')), 'stacks.json');
  const events: StackEvent[] = [];
  const make = () =>
    new StackDeployer({
      statePath,
      registry,
      clock: new VirtualClock(),
      onEvent: (e) => events.push(e),
      ...options,
    });
  return { cloud, deployer: make(), make, events, statePath };
}

type Json = Record<string, unknown>;
const template = (resources: Json, outputs: Json = {}, extra: Json = {}): string =>
  JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    ...extra,
    Resources: resources,
    Outputs: outputs,
  });

/** A queue, a function wired to it by GetAtt and Ref, and outputs with an export. */
const base = (queueSize = 1, functionName = 'fn-one') =>
  template(
    {
      Fn: {
        Type: 'Test::Function',
        Properties: {
          Name: functionName,
          Target: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          Items: [{ Ref: 'Queue' }],
        },
      },
      Queue: { Type: 'Test::Queue', Properties: { Size: queueSize } },
    },
    {
      QueueArn: {
        Value: { 'Fn::GetAtt': 'Queue.Arn' },
        Export: { Name: { 'Fn::Sub': '${AWS::StackName}-QueueArn' } },
      },
      FnName: { Value: { Ref: 'Fn' }, Description: 'the function' },
    },
  );

const calls = (cloud: FakeCloud) => cloud.calls.splice(0);

describe('StackDeployer create', () => {
  it('creates resources dependencies first and wires Ref and GetAtt values into dependents', async () => {
    // Prepare
    const { cloud, deployer, events } = setup();
    // Act
    const result = await deployer.deploy({ stackName: 'app', template: base() });
    // Assess
    expect(result.action).toBe('CREATE');
    expect(result.stack.status).toBe('CREATE_COMPLETE');
    expect(calls(cloud)).toEqual(['create Queue', 'create Fn']);
    expect(cloud.live.get('fn-one')?.props).toEqual({
      Name: 'fn-one',
      Target: 'arn:fake:app-Queue-1',
      Items: ['app-Queue-1'],
    });
    expect(result.stack.outputs).toEqual([
      { outputKey: 'QueueArn', outputValue: 'arn:fake:app-Queue-1', exportName: 'app-QueueArn' },
      { outputKey: 'FnName', outputValue: 'fn-one', description: 'the function' },
    ]);
    expect(result.stack.stackId).toMatch(
      /^arn:aws:cloudformation:us-east-1:000000000000:stack\/app\/[0-9a-f-]{36}$/,
    );
    expect(events.map((e) => `${e.logicalId} ${e.status}`)).toEqual([
      'app CREATE_IN_PROGRESS',
      'Queue CREATE_IN_PROGRESS',
      'Queue CREATE_COMPLETE',
      'Fn CREATE_IN_PROGRESS',
      'Fn CREATE_COMPLETE',
      'app CREATE_COMPLETE',
    ]);
    expect(deployer.listExports()).toEqual([
      { name: 'app-QueueArn', value: 'arn:fake:app-Queue-1', exportingStackId: result.stack.stackId },
    ]);
  });

  it('rolls back a failed create by deleting what was created, newest first, and names the failure', async () => {
    // Prepare
    const { cloud, deployer } = setup();
    cloud.failCreate.add('Third');
    const body = template({
      First: { Type: 'Test::Queue' },
      Second: { Type: 'Test::Queue', DependsOn: 'First' },
      Third: { Type: 'Test::Queue', DependsOn: 'Second', Properties: { Size: 99 } },
    });
    // Act
    const failure = await deployer.deploy({ stackName: 'app', template: body }).catch((e: unknown) => e);
    // Assess
    expect(failure).toBeInstanceOf(DeployError);
    const error = failure as DeployError;
    expect(error.logicalId).toBe('Third');
    expect(error.property).toBe('Size');
    expect(error.reason).toContain('Resources.Third.Properties.Size: is too large');
    expect(error.message).toBe(
      'stack app is ROLLBACK_COMPLETE: failed: Resources.Third.Properties.Size: is too large. ' +
        'Fix the cause and run `tapstack up` again: it deletes the failed stack and creates it anew ' +
        '(resources kept by DeletionPolicy Retain are adopted, not duplicated); `tapstack destroy` deletes it',
    );
    expect(error.stackDescription.status).toBe('ROLLBACK_COMPLETE');
    expect(calls(cloud)).toEqual([
      'create First',
      'create Second',
      'create Third',
      'delete Second app-Second-2',
      'delete First app-First-1',
    ]);
    expect(cloud.live.size).toBe(0);
    expect(deployer.listStackResources('app')).toEqual([]);
    const statuses = deployer.describeStackEvents('app').map((e) => `${e.logicalId} ${e.status}`);
    expect(statuses.slice(0, 3)).toEqual([
      'app ROLLBACK_COMPLETE',
      'First DELETE_COMPLETE',
      'First DELETE_IN_PROGRESS',
    ]);
    expect(statuses).toContain('Third CREATE_FAILED');
  });

  it('recreates a stack left in ROLLBACK_COMPLETE on the next deploy', async () => {
    // Prepare
    const { cloud, deployer } = setup();
    cloud.failCreate.add('Queue');
    await deployer.deploy({ stackName: 'app', template: base() }).catch(() => undefined);
    const firstId = deployer.describeStacks('app')[0]?.stackId;
    cloud.failCreate.clear();
    // Act
    const result = await deployer.deploy({ stackName: 'app', template: base() });
    // Assess
    expect(result.action).toBe('CREATE');
    expect(result.stack.status).toBe('CREATE_COMPLETE');
    expect(result.stack.stackId).not.toBe(firstId);
  });

  it.each([
    [
      'an unsupported type',
      { Q: { Type: 'Test::Unknown' } },
      'Resources.Q: resource type Test::Unknown is not supported',
    ],
    [
      'an unsupported property',
      { Q: { Type: 'Test::Queue', Properties: { Colour: 'red' } } },
      'Resources.Q.Properties.Colour: property Colour of Test::Queue is not supported',
    ],
    [
      'an unsupported attribute',
      {
        Q: { Type: 'Test::Queue' },
        R: { Type: 'Test::Queue', Properties: { Target: { 'Fn::GetAtt': ['Q', 'Url'] } } },
      },
      'R reads attribute Url of Q',
    ],
    [
      'a cycle',
      {
        A: { Type: 'Test::Queue', DependsOn: 'B' },
        B: { Type: 'Test::Queue', Properties: { Target: { Ref: 'A' } } },
      },
      'Circular dependency between resources: [A, B]',
    ],
    [
      'an export name that depends on a resource',
      { A: { Type: 'Test::Queue' } },
      'Outputs.O.Export.Name: an export name cannot depend on resource A',
      { O: { Value: 'v', Export: { Name: { 'Fn::Sub': '${A}-name' } } } },
    ],
    [
      'an undeclared condition in Fn::If',
      { A: { Type: 'Test::Queue', Properties: { Size: { 'Fn::If': ['Nope', 1, 2] } } } },
      "Resources.A.Properties.Size.Fn::If: condition 'Nope' is not declared",
    ],
    [
      'a dangling reference',
      { A: { Type: 'Test::Queue', Properties: { Target: { Ref: 'Missing' } } } },
      'A refers to Missing (Ref), which is not declared',
    ],
  ] as [string, Json, string, Json?][])(
    'rejects %s before creating anything',
    async (_name, resources, message, outputs) => {
      // Prepare
      const { cloud, deployer } = setup();
      // Act
      const failure = await deployer
        .deploy({ stackName: 'app', template: template(resources, outputs) })
        .catch((e: unknown) => e);
      // Assess
      expect(failure).toBeInstanceOf(TemplateError);
      expect((failure as Error).message).toContain(message);
      expect(cloud.calls).toEqual([]);
      expect(deployer.describeStacks()).toEqual([]);
    },
  );

  it('rejects invalid stack names as CreateStack does', async () => {
    const { deployer } = setup();
    for (const name of ['1app', 'my_app', 'a'.repeat(129)]) {
      await expect(deployer.deploy({ stackName: name, template: base() })).rejects.toThrow(/stackName/);
    }
  });

  it('leaves out resources and outputs whose condition is false, and drops AWS::NoValue properties', async () => {
    // Prepare
    const { cloud, deployer } = setup();
    const body = template(
      {
        Always: {
          Type: 'Test::Queue',
          Properties: { Size: { 'Fn::If': ['Big', 10, { Ref: 'AWS::NoValue' }] } },
        },
        Maybe: { Type: 'Test::Queue', Condition: 'Big' },
      },
      { MaybeName: { Value: { Ref: 'Maybe' }, Condition: 'Big' } },
      {
        Parameters: { Mode: { Type: 'String', Default: 'small', AllowedValues: ['small', 'big'] } },
        Conditions: { Big: { 'Fn::Equals': [{ Ref: 'Mode' }, 'big'] } },
      },
    );
    // Act
    const small = await deployer.deploy({ stackName: 'app', template: body });
    const big = await deployer.deploy({
      stackName: 'app',
      template: body,
      parameterOverrides: { Mode: 'big' },
    });
    // Assess
    expect(small.stack.outputs).toEqual([]);
    expect(cloud.calls.slice(0, 1)).toEqual(['create Always']);
    expect(big.changes).toEqual([
      { logicalId: 'Always', resourceType: 'Test::Queue', action: 'Modify' },
      { logicalId: 'Maybe', resourceType: 'Test::Queue', action: 'Add' },
    ]);
    expect(big.stack.outputs.map((o) => o.outputKey)).toEqual(['MaybeName']);
    expect(big.stack.parameters).toEqual([{ key: 'Mode', value: 'big' }]);
  });

  it('passes output values through the rewrite hook before storing and exporting them', async () => {
    const { deployer } = setup({
      rewriteOutput: (key, value) => (key === 'QueueArn' ? `local:${value}` : value),
    });
    const result = await deployer.deploy({ stackName: 'app', template: base() });
    expect(result.stack.outputs[0]?.outputValue).toBe('local:arn:fake:app-Queue-1');
    expect(deployer.listExports()[0]?.value).toBe('local:arn:fake:app-Queue-1');
  });
});
