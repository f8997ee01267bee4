import { isRecord, tableNameFromArn, withTableNameFromArn } from './context.ts';
import { dynamoDbErrors } from './errors.ts';

/**
 * The shared reading of TransactWriteItems / TransactGetItems input: 1-100 items, each with
 * exactly one action, each naming a table.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItem.html
 */
export const MAX_TRANSACT_ITEMS = 100;

export interface TransactAction {
  readonly kind: string;
  readonly table: string;
  readonly request: Record<string, unknown>;
}

export function readTransactItems(
  input: Record<string, unknown>,
  kinds: readonly string[],
): TransactAction[] {
  const items = input.TransactItems;
  if (!Array.isArray(items)) {
    throw dynamoDbErrors.validation(
      "1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null",
    );
  }
  if (items.length < 1 || items.length > MAX_TRANSACT_ITEMS) {
    throw dynamoDbErrors.validation(
      `1 validation error detected: Value '${items.length} items' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TRANSACT_ITEMS} and greater than or equal to 1`,
    );
  }
  return items.map((item, index) => {
    const present = isRecord(item) ? kinds.filter((kind) => item[kind] !== undefined) : [];
    const kind = present[0];
    const request = kind !== undefined && isRecord(item) ? item[kind] : undefined;
    if (present.length !== 1 || kind === undefined || !isRecord(request)) {
      throw dynamoDbErrors.validation(
        `TransactItems[${index}] must have exactly one of ${kinds.join(', ')} (found ${present.length === 0 ? 'none' : present.join(', ')})`,
      );
    }
    const table = request.TableName;
    if (typeof table !== 'string' || table === '') {
      throw dynamoDbErrors.validation(
        `1 validation error detected: Value null at 'transactItems.${index + 1}.member.${kind.charAt(0).toLowerCase()}${kind.slice(1)}.tableName' failed to satisfy constraint: Member must not be null`,
      );
    }
    return {
      kind,
      table: tableNameFromArn(table),
      request: withTableNameFromArn(request),
    };
  });
}
