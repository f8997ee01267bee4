/** The local cloud's public surface: start an engine, deploy templates onto it, stop it. */

export {
  type ChangeDetail,
  type ChangeSetInput,
  computeChangeSet,
  type ResourceChangeDescription,
} from './deploy/change-set.ts';
export type { StackPreview } from './deploy/preview.ts';
export type { DeployResult, StackDescription, StackEvent } from './deploy/types.ts';
export { type DeployRequest, Engine, type EngineOptions } from './engine.ts';
export { DEFAULT_ACCOUNT } from './runtime/account.ts';
export { type Clock, RealClock, VirtualClock } from './runtime/clock.ts';
export { baselineSample, measureDataDir, readUsageSamples, type UsageSample } from './runtime/data-usage.ts';
export { formatBytes, parseBytes } from './runtime/disk-space.ts';
export { DamagedStateFileError } from './runtime/state-file-error.ts';
/** The DynamoDB service on its own, as the benchmark's in-process baseline runs it. */
export { DynamoDbService, tablePropertiesToCreateTable } from './services/dynamodb/index.ts';
/** An HTTP API's CORS settings, as AWS::ApiGatewayV2::Api's CorsConfiguration declares them. */
export type { CorsConfiguration } from './services/http-api/index.ts';
export { zipSource } from './services/lambda/code-package.ts';
export { parseTemplate } from './template/parse-template.ts';
export type { EngineServices } from './wiring/engine-services.ts';
export {
  driftMessage,
  isRebuildable,
  type RepairOutcome,
  type StateProblem,
} from './wiring/state-check/index.ts';
