import { describe, expect, it } from 'vitest';
import {
  type ChangeSetInput,
  computeChangeSet,
  type DeployedResource,
  type UpdateBehaviour,
  unsettledValue,
} from './change-set.ts';

const QUEUE: UpdateBehaviour = { canUpdate: true, replacementProperties: ['QueueName', 'FifoQueue'] };
const NO_UPDATE: UpdateBehaviour = { canUpdate: false, replacementProperties: [] };

const deployed = (
  logicalId: string,
  type: string,
  properties: Record<string, unknown>,
  deletionPolicy = 'Delete',
): DeployedResource => ({ logicalId, type, physicalId: `${logicalId}-phys`, properties, deletionPolicy });

/** A stack with a queue Q and a topic T whose DisplayName reads Q's physical id. */
function input(overrides: Partial<ChangeSetInput> & { props?: Record<string, Record<string, unknown>> }) {
  const props = overrides.props ?? {};
  return computeChangeSet({
    deployed: overrides.deployed ?? {
      Q: deployed('Q', 'AWS::SQS::Queue', { QueueName: 'a', DelaySeconds: 0 }),
      T: deployed('T', 'AWS::SNS::Topic', { DisplayName: 'Q-phys' }),
    },
    planned: overrides.planned ?? [
      { logicalId: 'Q', type: 'AWS::SQS::Queue' },
      { logicalId: 'T', type: 'AWS::SNS::Topic' },
    ],
    behaviour: overrides.behaviour ?? ((type) => (type === 'AWS::SQS::Queue' ? QUEUE : NO_UPDATE)),
    resolve:
      overrides.resolve ??
      ((id, unsettled) => {
        if (id === 'T') return { DisplayName: unsettled.has('Q') ? unsettledValue('Q') : 'Q-phys' };
        return props[id] ?? { QueueName: 'a', DelaySeconds: 0 };
      }),
  });
}

describe('change sets', () => {
  it('is empty when every resource resolves to what is deployed', () => {
    expect(input({})).toEqual([]);
  });

  it('modifies in place when an updatable property changes', () => {
    // Act
    const changes = input({ props: { Q: { QueueName: 'a', DelaySeconds: 5 } } });
    // Assess
    expect(changes).toEqual([
      {
        action: 'Modify',
        logicalId: 'Q',
        physicalId: 'Q-phys',
        resourceType: 'AWS::SQS::Queue',
        replacement: 'False',
        scope: ['Properties'],
        details: [
          {
            target: { attribute: 'Properties', name: 'DelaySeconds', requiresRecreation: 'Never' },
            evaluation: 'Static',
            changeSource: 'DirectModification',
          },
        ],
      },
    ]);
  });

  it('names the property forcing a replacement, and marks dependents as conditional', () => {
    // Act
    const changes = input({ props: { Q: { QueueName: 'b', DelaySeconds: 0 } } });
    // Assess
    expect(changes.map((c) => [c.logicalId, c.action, c.replacement, c.replacedBy])).toEqual([
      ['Q', 'Modify', 'True', 'QueueName'],
      ['T', 'Modify', 'Conditional', undefined],
    ]);
    expect(changes[1]?.details).toEqual([
      {
        target: { attribute: 'Properties', name: 'DisplayName', requiresRecreation: 'Conditionally' },
        evaluation: 'Dynamic',
        changeSource: 'ResourceReference',
        causingEntity: 'Q',
      },
    ]);
  });

  it('replaces on a type change and reports tags in their own scope', () => {
    // Act
    const changes = computeChangeSet({
      deployed: {
        A: deployed('A', 'AWS::SNS::Topic', {}),
        B: deployed('B', 'AWS::SQS::Queue', { Tags: [] }),
      },
      planned: [
        { logicalId: 'A', type: 'AWS::SQS::Queue' },
        { logicalId: 'B', type: 'AWS::SQS::Queue' },
      ],
      behaviour: () => QUEUE,
      resolve: (id) => (id === 'B' ? { Tags: [{ Key: 'k', Value: 'v' }] } : {}),
    });
    // Assess
    expect(changes.map((c) => [c.logicalId, c.replacement, c.replacedBy, c.scope])).toEqual([
      ['A', 'True', 'Type', []],
      ['B', 'False', undefined, ['Tags']],
    ]);
  });

  it('adds new resources and removes old ones with their policy', () => {
    // Act
    const changes = computeChangeSet({
      deployed: {
        Kept: deployed('Kept', 'AWS::DynamoDB::Table', {}, 'Retain'),
        Gone: deployed('Gone', 'AWS::SQS::Queue', {}),
      },
      planned: [{ logicalId: 'New', type: 'AWS::SQS::Queue' }],
      behaviour: () => QUEUE,
      resolve: () => ({}),
    });
    // Assess
    expect(changes.map((c) => [c.action, c.logicalId, c.physicalId, c.policyAction])).toEqual([
      ['Add', 'New', undefined, undefined],
      ['Remove', 'Kept', 'Kept-phys', 'Retain'],
      ['Remove', 'Gone', 'Gone-phys', 'Delete'],
    ]);
  });

  it('replaces any changed resource whose type cannot update in place', () => {
    // Act
    const changes = computeChangeSet({
      deployed: { T: deployed('T', 'AWS::SNS::Topic', { DisplayName: 'x' }) },
      planned: [{ logicalId: 'T', type: 'AWS::SNS::Topic' }],
      behaviour: () => NO_UPDATE,
      resolve: () => ({ DisplayName: 'y' }),
    });
    // Assess
    expect(changes[0]).toMatchObject({ replacement: 'True', replacedBy: 'DisplayName' });
  });
});
