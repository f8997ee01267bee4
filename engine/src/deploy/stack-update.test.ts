import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../providers/registry.ts';
import { VirtualClock } from '../runtime/clock.ts';
import { DeployError } from './deploy-error.ts';
import { FakeCloud } from './fake-cloud.fixture.ts';
import { StackDeployer } from './stack-deployer.ts';

function setup() {
  const cloud = new FakeCloud();
  const registry = createRegistry([
    cloud.provider('Test::Queue'),
    cloud.provider('Test::Function', { replacement: ['Name'] }),
    cloud.provider('Test::Fixed', { updatable: false }),
  ]);
  const statePath = join(mkdtempSync(join(tmpdir(), 'deployer-')), 'stacks.json');
  const make = () => new StackDeployer({ statePath, registry, clock: new VirtualClock() });
  return { cloud, deployer: make(), make, statePath };
}

type Json = Record<string, unknown>;
const template = (resources: Json, outputs: Json = {}): string =>
  JSON.stringify({ Resources: resources, Outputs: outputs });

const app = (queueSize = 1, functionName = 'fn-one', extra: Json = {}) =>
  template(
    {
      Queue: { Type: 'Test::Queue', Properties: { Size: queueSize } },
      Fn: {
        Type: 'Test::Function',
        Properties: { Name: functionName, Target: { 'Fn::GetAtt': ['Queue', 'Arn'] } },
      },
      Alarm: { Type: 'Test::Queue', Properties: { Target: { Ref: 'Fn' } } },
      ...extra,
    },
    { FnName: { Value: { Ref: 'Fn' } } },
  );

const physicalIds = (deployer: StackDeployer) =>
  Object.fromEntries(deployer.listStackResources('app').map((r) => [r.logicalId, r.physicalId]));

describe('StackDeployer update', () => {
  it('does nothing on a redeploy of the same template and says so', async () => {
    // Prepare
    const { cloud, deployer } = setup();
    await deployer.deploy({ stackName: 'app', template: app() });
    const before = physicalIds(deployer);
    const eventCount = deployer.describeStackEvents('app').length;
    cloud.calls.splice(0);
    // Act
    const result = await deployer.deploy({ stackName: 'app', template: app() });
    // Assess
    expect(result.action).toBe('NO_CHANGES');
    expect(result.stack.status).toBe('CREATE_COMPLETE');
    expect(cloud.calls).toEqual([]);
    expect(physicalIds(deployer)).toEqual(before);
    expect(deployer.describeStackEvents('app')).toHaveLength(eventCount);
  });

  it('updates a changed resource in place and leaves the others untouched', async () => {
    // Prepare
    const { cloud, deployer } = setup();
    await deployer.deploy({ stackName: 'app', template: app(1) });
    const before = physicalIds(deployer);
    cloud.calls.splice(0);
    // Act
    const result = await deployer.deploy({ stackName: 'app', template: app(2) });
    // Assess
    expect(result.action).toBe('UPDATE');
    expect(result.stack.status).toBe('UPDATE_COMPLETE');
    expect(result.changes).toEqual([{ logicalId: 'Queue', resourceType: 'Test::Queue', action: 'Modify' }]);
    expect(cloud.calls).toEqual(['update Queue']);
    expect(physicalIds(deployer)).toEqual(before);
    expect(cloud.live.get(before.Queue as string)?.props).toEqual({ Size: 2 });
  });

  it('replaces a resource when a replacement property changes: new first, dependents re-pointed, old deleted last', async () => {
    // Prepare
    const { cloud, deployer } = setup();
    await deployer.deploy({ stackName: 'app', template: app(1, 'fn-one') });
    cloud.calls.splice(0);
    // Act
    const result = await deployer.deploy({ stackName: 'app', template: app(1, 'fn-two') });
    // Assess
    expect(result.changes.map((c) => `${c.logicalId} ${c.action}`)).toEqual(['Fn Replace', 'Alarm Modify']);
    expect(cloud.calls).toEqual(['create Fn', 'update Alarm', 'delete Fn fn-one']);
    expect(physicalIds(deployer).Fn).toBe('fn-two');
    expect(result.stack.outputs).toEqual([{ outputKey: 'FnName', outputValue: 'fn-two' }]);
    expect(cloud.live.has('fn-one')).toBe(false);
    const events = deployer
      .describeStackEvents('app')
      .map((e) => `${e.logicalId} ${e.status} ${e.physicalId}`);
    expect(events[0]).toMatch(/^app UPDATE_COMPLETE /);
    expect(events).toContain('Fn UPDATE_COMPLETE fn-two');
    expect(events).toContain('Fn DELETE_COMPLETE fn-one');
  });

  it('replaces a resource whose provider cannot update in place', async () => {
    const { cloud, deployer } = setup();
    await deployer.deploy({
      stackName: 'app',
      template: template({ F: { Type: 'Test::Fixed', Properties: { Size: 1 } } }),
    });
    const first = physicalIds(deployer).F;
    cloud.calls.splice(0);
    await deployer.deploy({
      stackName: 'app',
      template: template({ F: { Type: 'Test::Fixed', Properties: { Size: 2 } } }),
    });
    expect(cloud.calls).toEqual(['create F', `delete F ${first}`]);
    expect(physicalIds(deployer).F).not.toBe(first);
  });

  it('deletes removed resources only after new ones are in place, dependents first', async () => {
    // Prepare
    const { cloud, deployer } = setup();
    await deployer.deploy({ stackName: 'app', template: app() });
    const before = physicalIds(deployer);
    cloud.calls.splice(0);
    const smaller = template({
      Queue: { Type: 'Test::Queue', Properties: { Size: 1 } },
      Extra: { Type: 'Test::Queue', Properties: { Size: 5 } },
    });
    // Act
    const result = await deployer.deploy({ stackName: 'app', template: smaller });
    // Assess
    expect(cloud.calls).toEqual(['create Extra', `delete Alarm ${before.Alarm}`, 'delete Fn fn-one']);
    expect(result.changes.map((c) => `${c.logicalId} ${c.action}`)).toEqual([
      'Extra Add',
      'Fn Remove',
      'Alarm Remove',
    ]);
    expect(Object.keys(physicalIds(deployer)).sort()).toEqual(['Extra', 'Queue']);
    expect(result.stack.outputs).toEqual([]);
  });

  it('rolls a failed update back: created resources deleted, updated ones restored, old template kept', async () => {
    // Prepare
    const { cloud, deployer } = setup();
    await deployer.deploy({ stackName: 'app', template: app(1, 'fn-one') });
    const before = physicalIds(deployer);
    cloud.calls.splice(0);
    cloud.failUpdate.add('Alarm');
    const next = app(3, 'fn-two', { Added: { Type: 'Test::Queue' } });
    // Act
    const failure = await deployer.deploy({ stackName: 'app', template: next }).catch((e: unknown) => e);
    // Assess
    expect(failure).toBeInstanceOf(DeployError);
    expect((failure as DeployError).logicalId).toBe('Alarm');
    expect((failure as DeployError).stackDescription.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(cloud.calls).toEqual([
      'update Queue',
      'create Fn',
      'update Alarm',
      'delete Fn fn-two',
      'update Queue',
    ]);
    expect(physicalIds(deployer)).toEqual(before);
    expect(cloud.live.get(before.Queue as string)?.props).toEqual({ Size: 1 });
    expect(cloud.live.has('fn-two')).toBe(false);
    expect(cloud.live.has('fn-one')).toBe(true);
    expect(deployer.describeStacks('app')[0]?.outputs).toEqual([
      { outputKey: 'FnName', outputValue: 'fn-one' },
    ]);
    // The rollback leaves a stack that redeploys the old template as "no changes".
    cloud.failUpdate.clear();
    expect((await deployer.deploy({ stackName: 'app', template: app(1, 'fn-one') })).action).toBe(
      'NO_CHANGES',
    );
  });

  it('reloads persisted stacks into a new deployer, which then sees no changes', async () => {
    // Prepare
    const { cloud, deployer, make } = setup();
    await deployer.deploy({ stackName: 'app', template: app() });
    const description = deployer.describeStacks('app');
    const resources = deployer.listStackResources('app');
    cloud.calls.splice(0);
    // Act
    const restarted = make();
    // Assess
    expect(restarted.describeStacks('app')).toEqual(description);
    expect(restarted.listStackResources('app')).toEqual(resources);
    expect(restarted.describeStackEvents('app')).toEqual(deployer.describeStackEvents('app'));
    expect((await restarted.deploy({ stackName: 'app', template: app() })).action).toBe('NO_CHANGES');
    expect(cloud.calls).toEqual([]);
  });
});

describe('StackDeployer delete', () => {
  it('deletes dependents first, keeps Retain resources, and forgets the stack', async () => {
    // Prepare
    const { cloud, deployer } = setup();
    const body = template({
      Queue: { Type: 'Test::Queue', DeletionPolicy: 'Retain' },
      Fn: { Type: 'Test::Function', Properties: { Name: 'f', Target: { Ref: 'Queue' } } },
      Alarm: { Type: 'Test::Queue', Properties: { Target: { Ref: 'Fn' } } },
    });
    await deployer.deploy({ stackName: 'app', template: body });
    const ids = physicalIds(deployer);
    cloud.calls.splice(0);
    const seen: string[] = [];
    // Act
    await deployer.deleteStack('app', { onEvent: (e) => seen.push(`${e.logicalId} ${e.status}`) });
    // Assess
    expect(cloud.calls).toEqual([`delete Alarm ${ids.Alarm}`, 'delete Fn f']);
    expect(cloud.live.has(ids.Queue as string)).toBe(true);
    expect(seen).toContain('Queue DELETE_SKIPPED');
    expect(seen.at(-1)).toBe('app DELETE_COMPLETE');
    expect(() => deployer.describeStacks('app')).toThrow('Stack with id app does not exist');
  });

  it('stops at DELETE_FAILED when a resource cannot be deleted, and a later delete finishes the job', async () => {
    const { cloud, deployer } = setup();
    await deployer.deploy({ stackName: 'app', template: app() });
    cloud.failDelete.add('Fn');
    await expect(deployer.deleteStack('app')).rejects.toBeInstanceOf(DeployError);
    expect(deployer.describeStacks('app')[0]?.status).toBe('DELETE_FAILED');
    expect(deployer.listStackResources('app').map((r) => `${r.logicalId} ${r.status}`)).toEqual([
      'Fn DELETE_FAILED',
    ]);
    cloud.failDelete.clear();
    await deployer.deleteStack('app');
    expect(cloud.live.size).toBe(0);
  });
});

describe('exports between stacks', () => {
  const exporter = (value: string) =>
    template(
      { Q: { Type: 'Test::Queue', Properties: { Size: 1 } } },
      {
        Out: { Value: value, Export: { Name: 'shared-name' } },
      },
    );
  const importer = template({
    R: { Type: 'Test::Queue', Properties: { Target: { 'Fn::ImportValue': 'shared-name' } } },
  });

  it('resolves Fn::ImportValue from another stack and protects the export while it is used', async () => {
    // Prepare
    const { cloud, deployer } = setup();
    await deployer.deploy({ stackName: 'producer', template: exporter('q-1') });
    // Act
    await deployer.deploy({ stackName: 'consumer', template: importer });
    // Assess
    expect([...cloud.live.values()].find((r) => r.props.Target)?.props).toEqual({ Target: 'q-1' });
    await expect(deployer.deleteStack('producer')).rejects.toThrow(
      'Export shared-name cannot be deleted as it is in use by consumer',
    );
    await expect(deployer.deploy({ stackName: 'producer', template: exporter('q-2') })).rejects.toThrow(
      'Export shared-name cannot be updated as it is in use by consumer',
    );
    expect(deployer.describeStacks('producer')[0]?.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    await deployer.deleteStack('consumer');
    await deployer.deleteStack('producer');
  });

  it('refuses an export name another stack already exports', async () => {
    const { deployer } = setup();
    await deployer.deploy({ stackName: 'one', template: exporter('q-1') });
    const failure = await deployer
      .deploy({ stackName: 'two', template: exporter('q-2') })
      .catch((e: unknown) => e);
    expect((failure as DeployError).reason).toBe(
      'Export with name shared-name is already exported by stack one',
    );
    expect((failure as DeployError).stackDescription.status).toBe('ROLLBACK_COMPLETE');
  });
});
