import type { ResolutionContext } from './context.ts';
import { pseudoParameters } from './context.ts';

/**
 * A fixed resolution context for the intrinsic tests: two resources, a few parameters, a mapping,
 * one export. Test support only.
 */
export function testContext(overrides: Partial<ResolutionContext> = {}): ResolutionContext {
  const resources: Record<string, { id: string; attributes: Record<string, unknown> }> = {
    Queue: {
      id: 'https://sqs/q',
      attributes: { Arn: 'arn:aws:sqs:us-east-1:000000000000:q', QueueName: 'q' },
    },
    Db: { id: 'db', attributes: { 'Endpoint.Address': 'db.local', Ports: [1, 2] } },
  };
  return {
    parameters: { Env: 'dev', Size: '5', Zones: ['a', 'b'] },
    pseudo: pseudoParameters(
      { accountId: '000000000000', region: 'us-east-1', partition: 'aws' },
      'app',
      'arn:aws:cloudformation:us-east-1:000000000000:stack/app/1',
    ),
    conditions: { Yes: true, No: false },
    mappings: { Sizes: { dev: { Memory: '128', List: ['x', 'y'] } } },
    resourcePhysicalId: (id) => resources[id]?.id,
    resourceAttribute: (id, attribute) => resources[id]?.attributes[attribute],
    importValue: (name) => (name === 'shared' ? 'imported' : undefined),
    ...overrides,
  };
}
