import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../providers/registry.ts';
import { AwsError } from '../runtime/aws-error.ts';
import { VirtualClock } from '../runtime/clock.ts';
import type { DeployError } from './deploy-error.ts';
import { DeployJournal } from './deploy-journal.ts';
import { FakeCloud } from './fake-cloud.fixture.ts';
import { StackDeployer } from './stack-deployer.ts';
import type { StackEvent } from './types.ts';

function setup() {
  const cloud = new FakeCloud();
  const registry = createRegistry([cloud.provider('Test::Queue'), cloud.provider('Test::Function')]);
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  const events: StackEvent[] = [];
  const make = () =>
    new StackDeployer({
      statePath: join(dir, 'stacks.json'),
      registry,
      clock: new VirtualClock(),
      onEvent: (e) => events.push(e),
    });
  return { cloud, dir, events, make };
}

const template = (resources: Record<string, unknown>) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources });

/** A kept queue, a function reading it, and a second queue after both. */
const app = template({
  Keep: { Type: 'Test::Queue', DeletionPolicy: 'Retain', Properties: { Name: 'keep-me', Size: 1 } },
  Fn: { Type: 'Test::Function', Properties: { Name: 'fn', Target: { 'Fn::GetAtt': ['Keep', 'Arn'] } } },
  Last: { Type: 'Test::Queue', DependsOn: 'Fn', Properties: { Name: 'last', Size: 2 } },
});

describe('deploy journal', () => {
  it('resumes a create killed after a provider made a resource but before the journal said so', async () => {
    // Prepare: Fn's create makes the function and never returns, as if the engine died there.
    const { cloud, make, events } = setup();
    cloud.hangAfterCreate.add('Fn');
    void make().deploy({ stackName: 'app', template: app });
    await new Promise((done) => setTimeout(done, 50));
    cloud.hangAfterCreate.clear();
    cloud.calls.splice(0);
    // Act: a new deployer on the same files is the restarted engine.
    const outcomes = await make().resumeInterrupted();
    // Assess
    expect(outcomes).toEqual([{ stackName: 'app', operation: 'create', status: 'CREATE_COMPLETE' }]);
    expect(cloud.calls).toEqual(['update Fn', 'create Last']);
    expect([...cloud.live.keys()].sort()).toEqual(['fn', 'keep-me', 'last']);
    const said = events.map((e) => `${e.logicalId} ${e.status} ${e.reason ?? ''}`);
    expect(said).toContain(
      'app CREATE_IN_PROGRESS Resuming the create of stack app from the deploy journal (1 resource step(s) were done when the engine stopped)',
    );
    expect(said.some((line) => line.startsWith('Fn CREATE_COMPLETE') && line.includes('adopted fn'))).toBe(
      true,
    );
  });

  it('adopts a retained resource with the same name and type when the stack is created again, saying so', async () => {
    // Prepare: the first create fails after Keep was made; the rollback retains Keep.
    const { cloud, make, events } = setup();
    cloud.failCreate.add('Last');
    const deployer = make();
    await expect(deployer.deploy({ stackName: 'app', template: app })).rejects.toThrow(
      /ROLLBACK_COMPLETE.*run `tapstack up` again/,
    );
    expect(cloud.live.has('keep-me')).toBe(true);
    cloud.failCreate.clear();
    cloud.calls.splice(0);
    // Act
    const result = await deployer.deploy({ stackName: 'app', template: app });
    // Assess
    expect(result.stack.status).toBe('CREATE_COMPLETE');
    expect(cloud.calls).toEqual(['update Keep', 'create Fn', 'create Last']);
    const adopted = events.find((e) => e.logicalId === 'Keep' && e.status === 'CREATE_COMPLETE' && e.reason);
    expect(adopted?.reason).toBe(
      'Adopted keep-me, retained by stack app (Keep): same physical name and type',
    );
  });

  it('refuses to update an UPDATE_ROLLBACK_FAILED stack naming the fix, and --replace-failed re-creates it', async () => {
    // Prepare: an update adds New, then fails on Last; its rollback cannot delete New.
    const { cloud, make } = setup();
    const deployer = make();
    await deployer.deploy({ stackName: 'app', template: app });
    const both = template({
      Keep: { Type: 'Test::Queue', DeletionPolicy: 'Retain', Properties: { Name: 'keep-me', Size: 1 } },
      Fn: { Type: 'Test::Function', Properties: { Name: 'fn', Target: { 'Fn::GetAtt': ['Keep', 'Arn'] } } },
      New: { Type: 'Test::Queue', DependsOn: 'Fn', Properties: { Name: 'new', Size: 1 } },
      Last: { Type: 'Test::Queue', DependsOn: 'New', Properties: { Name: 'last', Size: 3 } },
    });
    cloud.failUpdate.add('Last');
    cloud.failDelete.add('New');
    const failure = await deployer.deploy({ stackName: 'app', template: both }).catch((e: unknown) => e);
    expect((failure as DeployError).stackDescription.status).toBe('UPDATE_ROLLBACK_FAILED');
    expect((failure as DeployError).message).toContain('`tapstack up --replace-failed`');
    cloud.failDelete.clear();
    cloud.failUpdate.clear();
    // Act
    const refused = await deployer.deploy({ stackName: 'app', template: app }).catch((e: unknown) => e);
    const replaced = await deployer.deploy({ stackName: 'app', template: app, replaceFailed: true });
    // Assess
    expect(refused).toBeInstanceOf(AwsError);
    expect((refused as Error).message).toMatch(
      /UPDATE_ROLLBACK_FAILED state and can not be updated.*`tapstack up --replace-failed`.*`tapstack destroy`/,
    );
    expect(replaced.action).toBe('CREATE');
    expect(replaced.stack.status).toBe('CREATE_COMPLETE');
    expect([...cloud.live.keys()].sort()).toEqual(['fn', 'keep-me', 'last']);
    expect(deployer.listStackResources('app').map((r) => r.logicalId)).toEqual(['Keep', 'Fn', 'Last']);
  });

  it('ignores a line torn by a kill mid-append, and cuts it off before the next entry', () => {
    // Prepare
    const path = join(mkdtempSync(join(tmpdir(), 'journal-file-')), 'journal.jsonl');
    const journal = new DeployJournal(path);
    journal.append({ kind: 'end', op: 'a', status: 'CREATE_COMPLETE' });
    journal.close();
    appendFileSync(path, '{"kind":"begin","op":"b","stackNa');
    // Act
    const reopened = new DeployJournal(path);
    const open = reopened.openOperations();
    reopened.append({ kind: 'end', op: 'c', status: 'UPDATE_COMPLETE' });
    // Assess
    expect(open).toEqual([]);
    expect(
      readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).op),
    ).toEqual(['a', 'c']);
  });
});
