import type { ProviderContext, ProvisionResult, ResourceProvider } from '../providers/provider.ts';
import { propertyError } from '../providers/provider.ts';

/**
 * A test double for the provider boundary: an in-memory "cloud" that records every provider call,
 * so deploy tests can assert order, wiring and what was (not) touched. Not used by the engine.
 */
export class FakeCloud {
  /** `create Queue`, `update Queue`, `delete Queue <physicalId>`, in call order. */
  readonly calls: string[] = [];
  /** Live resources by physical id. */
  readonly live = new Map<
    string,
    { readonly type: string; readonly props: Readonly<Record<string, unknown>> }
  >();
  /** Logical ids whose next create/update/delete throws. */
  readonly failCreate = new Set<string>();
  readonly failUpdate = new Set<string>();
  readonly failDelete = new Set<string>();
  /** Logical ids whose create makes the resource and then never returns (a kill mid-step). */
  readonly hangAfterCreate = new Set<string>();
  private counter = 0;

  provider(
    type: string,
    options: {
      readonly properties?: readonly string[];
      readonly attributes?: readonly string[];
      readonly replacement?: readonly string[];
      readonly updatable?: boolean;
    } = {},
  ): ResourceProvider {
    const provider: ResourceProvider = {
      type,
      supportedProperties: options.properties ?? ['Name', 'Size', 'Target', 'Tags', 'Items'],
      supportedAttributes: options.attributes ?? ['Arn'],
      ...(options.replacement ? { replacementProperties: options.replacement } : {}),
      create: async (ctx, props) => {
        const result = this.create(ctx, props);
        if (this.hangAfterCreate.has(ctx.logicalId)) return new Promise<never>(() => {});
        return result;
      },
      // Named resources only: the name is the physical id.
      find: async (_ctx, props) =>
        typeof props.Name === 'string' && this.live.has(props.Name)
          ? { physicalId: props.Name, attributes: { Arn: `arn:fake:${props.Name}` } }
          : undefined,
      delete: async (ctx, physicalId) => {
        this.calls.push(`delete ${ctx.logicalId} ${physicalId}`);
        if (this.failDelete.has(ctx.logicalId)) throw new Error(`cannot delete ${physicalId}`);
        this.live.delete(physicalId);
      },
    };
    if (options.updatable === false) return provider;
    return {
      ...provider,
      update: async (ctx, physicalId, props) => {
        this.calls.push(`update ${ctx.logicalId}`);
        if (this.failUpdate.has(ctx.logicalId)) throw new Error(`update of ${ctx.logicalId} refused`);
        this.live.set(physicalId, { type, props });
        return { physicalId, attributes: { Arn: `arn:fake:${physicalId}` } };
      },
    };
  }

  private create(ctx: ProviderContext, props: Readonly<Record<string, unknown>>): ProvisionResult {
    this.calls.push(`create ${ctx.logicalId}`);
    if (this.failCreate.has(ctx.logicalId)) throw propertyError(ctx, 'Size', 'is too large');
    this.counter += 1;
    const physicalId =
      typeof props.Name === 'string' ? props.Name : `${ctx.stackName}-${ctx.logicalId}-${this.counter}`;
    if (this.live.has(physicalId)) throw new Error(`${physicalId} already exists`);
    this.live.set(physicalId, { type: ctx.resourceType, props });
    return { physicalId, attributes: { Arn: `arn:fake:${physicalId}` } };
  }
}
