import type { AccountContext } from '../../runtime/account.ts';
import { parseArn } from '../../runtime/arn.ts';
import type { DynaliteStore } from './dynalite-engine.ts';
import { dynamoDbErrors } from './errors.ts';
import type { TableSettingsStore } from './table-settings.ts';

/** What every DynamoDB operation runs against; one per service instance (no module state). */
export interface DynamoDbContext {
  readonly store: DynaliteStore;
  readonly settings: TableSettingsStore;
  readonly account: AccountContext;
}

/**
 * One operation: JSON-shaped request in, JSON-shaped response out, DynamoDbError on failure.
 * `inputOwned`: the input was parsed for this call alone (the wire's), so it may be kept without a
 * copy, and the result is serialized at once, so it needs no copy either.
 */
export type OperationHandler = (
  ctx: DynamoDbContext,
  input: Record<string, unknown>,
  inputOwned?: boolean,
) => Promise<unknown>;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The TableName of a request (a table ARN there was already made a name by `runOperation`). */
export function tableNameOf(input: Record<string, unknown>): string {
  const name = input.TableName;
  if (typeof name !== 'string' || name === '') {
    throw dynamoDbErrors.validation(
      "The parameter 'TableName' is required but was not present in the request",
    );
  }
  return name;
}

/**
 * The input with a table ARN in TableName replaced by the table's name, which is how every
 * operation below reads it (dynalite validates TableName against the name pattern). AWS accepts
 * either in TableName. Anything that is not a DynamoDB table ARN is left as it is, to be refused
 * with the name pattern's message.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html#DDB-PutItem-request-TableName
 */
export function withTableNameFromArn(input: Record<string, unknown>): Record<string, unknown> {
  const name = input.TableName;
  if (typeof name !== 'string') return input;
  const table = tableNameFromArn(name);
  return table === name ? input : { ...input, TableName: table };
}

/** The table's name when `name` is a DynamoDB table ARN; anything else as it is. */
export function tableNameFromArn(name: string): string {
  if (!name.startsWith('arn:')) return name;
  const arn = parseArn(name);
  const match = arn?.service === 'dynamodb' ? /^table\/([^/]+)$/.exec(arn.resource) : null;
  return match?.[1] ?? name;
}

/**
 * Refuses an enabled StreamSpecification: streams are not emulated, and accepting one silently
 * would leave a consumer waiting for records that never come.
 */
export function rejectStreams(input: Record<string, unknown>): void {
  const spec = input.StreamSpecification;
  if (isRecord(spec) && spec.StreamEnabled === true) {
    throw dynamoDbErrors.validation(
      'StreamSpecification: DynamoDB Streams are not supported by the TapStack local engine (see LIMITATIONS)',
    );
  }
}
