import type { AccountContext } from '../../runtime/account.ts';
import { arnResourceName } from '../../runtime/arn.ts';
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

/** The TableName of a request; AWS also accepts a table ARN there, whose last segment is the name. */
export function tableNameOf(input: Record<string, unknown>): string {
  const name = input.TableName;
  if (typeof name !== 'string' || name === '') {
    throw dynamoDbErrors.validation(
      "The parameter 'TableName' is required but was not present in the request",
    );
  }
  return arnResourceName(name);
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
