import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResourceProvider } from '../providers/provider.ts';
import { createRegistry } from '../providers/registry.ts';
import { VirtualClock } from '../runtime/clock.ts';
import { parseTemplate } from '../template/parse-template.ts';
import { StackDeployer } from './stack-deployer.ts';

/**
 * The project's own synthesized template (lib/TapStack.json) through the whole deploy pipeline,
 * with providers that accept whatever the template uses and echo it back: checks that a real CDK
 * template parses, validates, resolves and orders, without any service behind it.
 */
const template = parseTemplate(readFileSync(new URL('../../../lib/TapStack.json', import.meta.url), 'utf8'));

function echoProviders(created: Map<string, Record<string, unknown>>): ResourceProvider[] {
  const byType = new Map<string, Set<string>>();
  for (const resource of template.resources) {
    const names = byType.get(resource.type) ?? new Set<string>();
    for (const name of Object.keys(resource.properties)) names.add(name);
    byType.set(resource.type, names);
  }
  const attributes = [
    'Arn',
    'ApiEndpoint',
    'ApiId',
    'TopicArn',
    'TopicName',
    'QueueUrl',
    'QueueName',
    'StreamArn',
  ];
  return [...byType].map(([type, names]) => ({
    type,
    supportedProperties: [...names],
    supportedAttributes: attributes,
    create: async (ctx, props) => {
      created.set(ctx.logicalId, { ...props });
      const physicalId = `${ctx.logicalId}-id`;
      return {
        physicalId,
        attributes: Object.fromEntries(attributes.map((a) => [a, `${a}-of-${ctx.logicalId}`])),
      };
    },
    update: async (_ctx, physicalId) => ({ physicalId, attributes: {} }),
    delete: async () => undefined,
  }));
}

describe('lib/TapStack.json through the deployer', () => {
  it('creates every resource with no intrinsic left, honours HasAlarmEmail, and redeploys as no change', async () => {
    // Prepare
    const created = new Map<string, Record<string, unknown>>();
    const deployer = new StackDeployer({
      statePath: join(mkdtempSync(join(tmpdir(), 'tapstack-')), 'stacks.json'),
      registry: createRegistry(echoProviders(created)),
      clock: new VirtualClock(),
    });
    // Act
    const first = await deployer.deploy({ stackName: 'TapStack', template });
    const again = await deployer.deploy({ stackName: 'TapStack', template });
    const withEmail = await deployer.deploy({
      stackName: 'TapStack',
      template,
      parameterOverrides: { AlarmEmail: 'ops@example.com' },
    });
    // Assess
    expect(first.stack.status).toBe('CREATE_COMPLETE');
    const conditional = template.resources
      .filter((r) => r.condition === 'HasAlarmEmail')
      .map((r) => r.logicalId);
    expect(first.changes).toHaveLength(template.resources.length - conditional.length);
    expect(JSON.stringify([...created.values()])).not.toMatch(/"(Ref|Fn::[A-Za-z]+)"/);
    expect(first.stack.outputs.map((o) => o.exportName)).toContain('TapStack-ApiEndpoint');
    expect(again.action).toBe('NO_CHANGES');
    expect(withEmail.changes.filter((c) => c.action === 'Add').map((c) => c.logicalId)).toEqual(conditional);
  });

  it('rejects a parameter value with the template own constraint description', async () => {
    const deployer = new StackDeployer({
      statePath: join(mkdtempSync(join(tmpdir(), 'tapstack-')), 'stacks.json'),
      registry: createRegistry(echoProviders(new Map())),
    });
    await expect(
      deployer.deploy({
        stackName: 'TapStack',
        template,
        parameterOverrides: { AlarmEmail: 'not-an-email' },
      }),
    ).rejects.toThrow('Malformed input-Parameter AlarmEmail must be empty or an email address');
    expect(deployer.describeStacks()).toEqual([]);
  });
});
