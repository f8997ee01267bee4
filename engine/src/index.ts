/** The local cloud's public surface: start an engine, deploy templates onto it, stop it. */
export type { PlannedChange } from './deploy/preview-changes.ts';
export type { DeployResult, StackDescription, StackEvent } from './deploy/types.ts';
export { type DeployRequest, Engine, type EngineOptions } from './engine.ts';
export { DEFAULT_ACCOUNT } from './runtime/account.ts';
export { type Clock, RealClock, VirtualClock } from './runtime/clock.ts';
export { zipSource } from './services/lambda/code-package.ts';
export type { EngineServices } from './wiring/engine-services.ts';
