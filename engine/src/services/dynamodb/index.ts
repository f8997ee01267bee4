export { dynamoDbAuthorizationTargets } from './authorization.ts';
export { type TablePlan, tablePropertiesToCreateTable } from './cfn-table-mapper.ts';
export { DynamoDbService, type DynamoDbServiceOptions } from './dynamodb-service.ts';
export { DynamoDbError } from './errors.ts';
export { DYNAMODB_TARGET_PREFIXES, dynamoDbServiceEntry, type OperationCaller } from './service-entry.ts';
export type { TableDescriptionJson } from './table-description.ts';
export { DEFAULT_TTL_SWEEP_INTERVAL_MS, isExpired } from './ttl-sweeper.ts';
