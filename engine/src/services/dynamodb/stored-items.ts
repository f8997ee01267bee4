/**
 * What a successful write left stored, told to watchers in this process (the console's live
 * Requests feed): the in-process counterpart of a DynamoDB stream's NEW_IMAGE records, without a
 * stream on the table and never leaving the process.
 * - A Put (PutItem, BatchWriteItem's PutRequest, TransactWriteItems' Put) stored its Item as given.
 * - An Update (UpdateItem, TransactWriteItems' Update) may have created or changed any attribute,
 *   so only its key is known here: the service reads the item back.
 * - Deletes and condition checks store nothing.
 * dynalite applies every BatchWriteItem request (its UnprocessedItems is always empty), so each
 * PutRequest of a successful call was stored.
 */
import { isRecord, tableNameFromArn } from './context.ts';

/** An item in DynamoDB's JSON form (`{ "Name": { "S": "value" } }`). Watchers must not change it. */
export type StoredItem = Readonly<Record<string, unknown>>;

/** Told each item a write stored: called once per item, after the write was applied. */
export type StoredItemListener = (tableName: string, item: StoredItem) => void;

export interface WrittenItems {
  /** [table, item] of each Put. */
  readonly puts: (readonly [string, StoredItem])[];
  /** [table, key] of each Update: the item is read back by the caller. */
  readonly updates: (readonly [string, StoredItem])[];
}

const NOTHING: WrittenItems = { puts: [], updates: [] };

/** The items `operation` stored, read from its input (the call succeeded). */
export function writtenItems(operation: string, input: Readonly<Record<string, unknown>>): WrittenItems {
  const table = typeof input.TableName === 'string' ? tableNameFromArn(input.TableName) : undefined;
  switch (operation) {
    case 'PutItem':
      return table !== undefined && isRecord(input.Item)
        ? { puts: [[table, input.Item]], updates: [] }
        : NOTHING;
    case 'UpdateItem':
      return table !== undefined && isRecord(input.Key)
        ? { puts: [], updates: [[table, input.Key]] }
        : NOTHING;
    case 'BatchWriteItem':
      return { puts: batchPuts(input.RequestItems), updates: [] };
    case 'TransactWriteItems':
      return transactionWrites(input.TransactItems);
    default:
      return NOTHING;
  }
}

function batchPuts(requestItems: unknown): [string, StoredItem][] {
  if (!isRecord(requestItems)) return [];
  const puts: [string, StoredItem][] = [];
  for (const [name, requests] of Object.entries(requestItems)) {
    if (!Array.isArray(requests)) continue;
    const table = tableNameFromArn(name);
    for (const request of requests)
      if (isRecord(request) && isRecord(request.PutRequest) && isRecord(request.PutRequest.Item))
        puts.push([table, request.PutRequest.Item]);
  }
  return puts;
}

function transactionWrites(transactItems: unknown): WrittenItems {
  if (!Array.isArray(transactItems)) return NOTHING;
  const puts: [string, StoredItem][] = [];
  const updates: [string, StoredItem][] = [];
  for (const entry of transactItems) {
    if (!isRecord(entry)) continue;
    const { Put: put, Update: update } = entry;
    if (isRecord(put) && typeof put.TableName === 'string' && isRecord(put.Item))
      puts.push([tableNameFromArn(put.TableName), put.Item]);
    if (isRecord(update) && typeof update.TableName === 'string' && isRecord(update.Key))
      updates.push([tableNameFromArn(update.TableName), update.Key]);
  }
  return { puts, updates };
}
