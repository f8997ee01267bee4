import type { ResourceProvider } from './provider.ts';

/** The resource types the engine can deploy: an explicit map from type name to provider, no discovery. */
export type ProviderRegistry = ReadonlyMap<string, ResourceProvider>;

/**
 * Builds the registry from a list; two providers for one type is a programming error.
 * The engine lists its providers in one place and passes them here.
 */
export function createRegistry(providers: readonly ResourceProvider[]): ProviderRegistry {
  const registry = new Map<string, ResourceProvider>();
  for (const provider of providers) {
    if (registry.has(provider.type)) throw new Error(`two providers registered for ${provider.type}`);
    registry.set(provider.type, provider);
  }
  return registry;
}
