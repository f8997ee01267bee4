import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../providers/registry.ts';
import { AwsError } from '../runtime/aws-error.ts';
import { VirtualClock } from '../runtime/clock.ts';
import { DeployError } from './deploy-error.ts';
import { FakeCloud } from './fake-cloud.fixture.ts';
import { StackDeployer } from './stack-deployer.ts';

function setup() {
  const cloud = new FakeCloud();
  const registry = createRegistry([cloud.provider('Test::Queue'), cloud.provider('Test::Function')]);
  const statePath = join(mkdtempSync(join(tmpdir(), 'deployer-')), 'stacks.json');
  const make = () => new StackDeployer({ statePath, registry, clock: new VirtualClock() });
  return { cloud, deployer: make(), make, statePath, registry };
}

const app = () =>
  JSON.stringify({
    Resources: {
      Queue: { Type: 'Test::Queue', Properties: { Size: 1 } },
      Fn: {
        Type: 'Test::Function',
        Properties: { Name: 'fn-one', Target: { 'Fn::GetAtt': ['Queue', 'Arn'] } },
      },
      Alarm: { Type: 'Test::Queue', Properties: { Target: { Ref: 'Fn' } } },
    },
  });

describe('StackDeployer housekeeping', () => {
  it('refuses a second operation on a stack while one is running', async () => {
    const { deployer } = setup();
    const first = deployer.deploy({ stackName: 'app', template: app() });
    await expect(deployer.deploy({ stackName: 'app', template: app() })).rejects.toThrow(
      'Stack:app is in CREATE_IN_PROGRESS state and can not be updated.',
    );
    expect((await first).stack.status).toBe('CREATE_COMPLETE');
  });

  it('keeps only the newest events per stack', async () => {
    const cloud = new FakeCloud();
    const statePath = join(mkdtempSync(join(tmpdir(), 'deployer-')), 'stacks.json');
    const registry = createRegistry([cloud.provider('Test::Queue'), cloud.provider('Test::Function')]);
    const deployer = new StackDeployer({
      statePath,
      registry,
      clock: new VirtualClock(),
      maxEventsPerStack: 3,
    });
    await deployer.deploy({ stackName: 'app', template: app() });
    const events = deployer.describeStackEvents('app');
    expect(events.map((e) => `${e.logicalId} ${e.status}`)).toEqual([
      'app CREATE_COMPLETE',
      'Alarm CREATE_COMPLETE',
      'Alarm CREATE_IN_PROGRESS',
    ]);
  });

  it('treats a stack the engine stopped in the middle of creating as failed, and cleans it up on the next deploy', async () => {
    // Prepare: a created stack whose saved status says the engine died while creating it.
    const { cloud, deployer, make, statePath } = setup();
    await deployer.deploy({ stackName: 'app', template: app() });
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    state.stacks[0].status = 'CREATE_IN_PROGRESS';
    writeFileSync(statePath, JSON.stringify(state));
    cloud.calls.splice(0);
    // Act
    const restarted = make();
    const status = restarted.describeStacks('app')[0]?.status;
    const result = await restarted.deploy({ stackName: 'app', template: app() });
    // Assess
    expect(status).toBe('CREATE_FAILED');
    expect(result.action).toBe('CREATE');
    expect(cloud.calls.slice(0, 3).map((c) => c.split(' ')[0])).toEqual(['delete', 'delete', 'delete']);
    expect(cloud.live.size).toBe(3);
  });

  it('reports a service error by its code when its message is empty', async () => {
    // Prepare
    const { deployer, registry } = setup();
    const failing = createRegistry([
      ...registry.values(),
      {
        type: 'Test::Table',
        supportedProperties: [],
        supportedAttributes: [],
        create: async () => {
          throw new AwsError('ResourceInUseException', '');
        },
        delete: async () => undefined,
      },
    ]);
    const statePath = join(mkdtempSync(join(tmpdir(), 'deployer-')), 'stacks.json');
    const withTable = new StackDeployer({ statePath, registry: failing, clock: new VirtualClock() });
    // Act
    const failure = await withTable
      .deploy({ stackName: 'app', template: JSON.stringify({ Resources: { T: { Type: 'Test::Table' } } }) })
      .catch((e: unknown) => e);
    // Assess
    expect(failure).toBeInstanceOf(DeployError);
    expect((failure as DeployError).reason).toBe('ResourceInUseException');
    expect(deployer.describeStacks()).toEqual([]);
  });
});
