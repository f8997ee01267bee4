import type { ProviderContext, ProvisionResult, ResourceProvider } from '../providers/provider.ts';
import type { StackOperation } from './operation.ts';

/** The reason on the events of a step finished after a restart. */
export const RESUMED = 'Resumed from the deploy journal: this step was under way when the engine stopped';

type Props = Readonly<Record<string, unknown>>;

interface Created {
  readonly result: ProvisionResult;
  /** Said on the COMPLETE event when the resource was adopted rather than made. */
  readonly how?: string;
}

/**
 * Brings an existing resource to the template's properties and takes it over: an in-place update
 * when the type has one (it also completes a create that stopped half-way, e.g. a table whose
 * TTL was not applied yet), else the resource as found.
 */
async function adopt(provider: ResourceProvider, ctx: ProviderContext, found: ProvisionResult, props: Props) {
  return provider.update ? provider.update(ctx, found.physicalId, structuredClone(props), props) : found;
}

/**
 * Finishes a create the journal says was under way: the provider call may or may not have happened.
 * The resource is adopted when it exists with the expected physical id (the seed in the intent
 * gives generated names back), and created otherwise; never made twice.
 */
export async function finishCreate(
  provider: ResourceProvider,
  ctx: ProviderContext,
  props: Props,
): Promise<Created> {
  const found = provider.find ? await provider.find(ctx, props) : undefined;
  if (found) {
    return {
      result: await adopt(provider, ctx, found, props),
      how: `${RESUMED}; adopted ${found.physicalId}, which it had created`,
    };
  }
  // Without `find` a provider's create is safe to repeat (see ResourceProvider.find).
  return { result: await provider.create(ctx, structuredClone(props)), how: `${RESUMED}; created it` };
}

/**
 * A live create: a resource an earlier stack left behind (DeletionPolicy Retain) with the same
 * physical name and type is adopted instead of colliding with it; anything else is created.
 */
export async function createOrAdopt(
  op: StackOperation,
  provider: ResourceProvider,
  ctx: ProviderContext,
  props: Props,
): Promise<Created> {
  const retained = op.runtime.retained;
  if (provider.find && retained?.hasType(ctx.resourceType)) {
    const found = await provider.find(ctx, props);
    const left = found && retained.get(ctx.resourceType, found.physicalId);
    if (found && left) {
      const result = await adopt(provider, ctx, found, props);
      retained.forget(ctx.resourceType, found.physicalId);
      return {
        result,
        how: `Adopted ${found.physicalId}, retained by stack ${left.stackName} (${left.logicalId}): same physical name and type`,
      };
    }
  }
  return { result: await provider.create(ctx, structuredClone(props)) };
}
