export { applyTablePlan } from './apply-table-plan.ts';
export { type AuthorizationTarget, dynamoDbAuthorizationTarget } from './authorization-targets.ts';
export { type TablePlan, tablePropertiesToCreateTable } from './cfn-table-mapper.ts';
export { DynamoDbService, type DynamoDbServiceOptions } from './dynamodb-service.ts';
export { DynamoDbError } from './errors.ts';
export type { TableDescriptionJson } from './table-description.ts';
export { DEFAULT_TTL_SWEEP_INTERVAL_MS, isExpired } from './ttl-sweeper.ts';
