/**
 * DynamoDB: the service (service.ts), its operations (operation-table.ts, operations/), the edge's
 * entry (service-entry.ts), the IAM targets of a request (authorization.ts), and what a write
 * stored, told to watchers in this process (stored-items.ts).
 *
 * LIMITATIONS (what this does not emulate):
 * - DynamoDB Streams: an enabled StreamSpecification is refused (ValidationException).
 * - PartiQL, backups, global tables, imports and exports, resource policies,
 *   DescribeLimits/Endpoints: UnknownOperationException naming the operation (dynalite lacks them).
 * - Transactions are the engine's own (dynalite has none), run one at a time while other DynamoDB
 *   requests wait: ClientRequestToken idempotency, the 4 MB aggregate limit,
 *   TransactionConflictException and TTL-expired-but-unswept items are not emulated.
 * - Throughput is not enforced: no ProvisionedThroughputExceededException, whatever the capacity.
 * - Point-in-time recovery and SSE are recorded and reported, not performed.
 * - Time to Live: expired items are deleted by a sweep every few emulated minutes (AWS: within days);
 *   changes apply at once (AWS: up to an hour, with repeated calls refused meanwhile).
 * - Request fields dynalite does not know (TableClass, DeletionProtectionEnabled, OnDemandThroughput,
 *   WarmThroughput...) are dropped on the wire, as dynalite does; the CloudFormation mapper refuses them.
 * - Table ARNs always use the `aws` partition (dynalite builds them).
 * - Durability: an acknowledged write has reached the OS (LevelDB log write(2) without fsync), so it
 *   survives the process being killed, not a power loss or kernel crash.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/Welcome.html
 */
export { dynamoDbAuthorizationTargets } from './authorization.ts';
export { type TablePlan, tablePropertiesToCreateTable } from './cfn-table-mapper.ts';
export { DynamoDbError } from './errors.ts';
export { DynamoDbService, type DynamoDbServiceOptions } from './service.ts';
export { DYNAMODB_TARGET_PREFIXES, dynamoDbServiceEntry, type OperationCaller } from './service-entry.ts';
export type { StoredItem, StoredItemListener } from './stored-items.ts';
export type { TableDescriptionJson } from './table-description.ts';
export { DEFAULT_TTL_SWEEP_INTERVAL_MS, isExpired } from './ttl-sweeper.ts';
