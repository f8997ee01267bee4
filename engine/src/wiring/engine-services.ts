import type { ProvidedServices } from '../providers/all-providers.ts';

/**
 * Every service of one engine instance; built once in engine.ts, never global. The providers
 * declare the same set (they deploy into every service) in the layer below.
 */
export type EngineServices = ProvidedServices;
