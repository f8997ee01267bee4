import { createRequire } from 'node:module';
import { dynamoDbErrors, fromDynaliteError } from './errors.ts';
import { cacheParsedExpressions, type ExpressionValidator } from './expression-cache.ts';
import { checkInputTypes, type TypeTable, UNUSUAL } from './input-types.ts';
import { type LevelInternals, tuneLevelIo } from './level-io.ts';
import { cacheTableDescriptions } from './table-cache.ts';

/**
 * A typed doorway into dynalite's internals. dynalite's public entry (`dynalite()`) builds an
 * `http.Server` whose request listener is bound to a store it never exposes, and its `close()`
 * refuses to close the database unless the server was listening. We need the store (to open and
 * close LevelDB ourselves, set the account id, run the TTL sweeper) and must not listen, so we
 * build the store with `dynalite/db` and drive the same `validations/*` + `actions/*` modules that
 * dynalite's own HTTP handler drives, in the same order: checkTypes, checkValidations, action.
 * https://github.com/architect/dynalite (index.js `httpHandler`)
 */

const require = createRequire(import.meta.url);

/** The operations dynalite implements, each mapped explicitly to its module name. */
const DYNALITE_MODULES = {
  BatchGetItem: 'batchGetItem',
  BatchWriteItem: 'batchWriteItem',
  CreateTable: 'createTable',
  DeleteItem: 'deleteItem',
  DeleteTable: 'deleteTable',
  DescribeTable: 'describeTable',
  GetItem: 'getItem',
  ListTables: 'listTables',
  ListTagsOfResource: 'listTagsOfResource',
  PutItem: 'putItem',
  Query: 'query',
  Scan: 'scan',
  TagResource: 'tagResource',
  UntagResource: 'untagResource',
  UpdateItem: 'updateItem',
  UpdateTable: 'updateTable',
} as const;

export type DynaliteOperation = keyof typeof DYNALITE_MODULES;

export const isDynaliteOperation = (name: string): name is DynaliteOperation =>
  Object.hasOwn(DYNALITE_MODULES, name);

/** The parts of dynalite's store (db/index.js `create`) this service touches. */
export interface DynaliteStore {
  readonly db: {
    open(): Promise<void>;
    readonly status: string;
    /** abstract-level's key iterator over the one LevelDB all of dynalite's sub-databases share. */
    keys(range: { gt?: string; gte?: string; lt?: string; limit?: number }): AsyncIterable<string>;
  };
  readonly tableDb: {
    awsAccountId: string;
    awsRegion: string;
    get(key: string, cb: (error: unknown, value?: unknown) => void): void;
    put(key: string, value: unknown, cb: (error: unknown) => void): void;
    del(key: string, cb: (error: unknown) => void): void;
  };
  readonly lifecycleManager: { gracefulClose(): Promise<void>; getState(): string };
}

type Callback = (error: unknown, result?: unknown) => void;
type Action = (store: DynaliteStore, data: Record<string, unknown>, cb: Callback) => void;
interface ValidationModule {
  readonly types: Record<string, unknown>;
  readonly custom?: (data: Record<string, unknown>, store: DynaliteStore) => string | undefined;
}
interface Validations extends ExpressionValidator {
  checkTypes(data: Record<string, unknown>, types: Record<string, unknown>): Record<string, unknown>;
  checkValidations(
    data: Record<string, unknown>,
    types: Record<string, unknown>,
    custom: ValidationModule['custom'],
    store: DynaliteStore,
  ): void;
}
interface DbModule {
  create(options: Record<string, unknown>): DynaliteStore;
}

const dbModule = require('dynalite/db/index.js') as DbModule;
const validations = require('dynalite/validations/index.js') as Validations;
cacheParsedExpressions(validations);

const loadAction = (op: DynaliteOperation): Action =>
  require(`dynalite/actions/${DYNALITE_MODULES[op]}.js`) as Action;
const loadValidation = (op: DynaliteOperation): ValidationModule =>
  require(`dynalite/validations/${DYNALITE_MODULES[op]}.js`) as ValidationModule;

const ACTIONS = new Map<DynaliteOperation, { action: Action; validation: ValidationModule }>(
  (Object.keys(DYNALITE_MODULES) as DynaliteOperation[]).map((op) => [
    op,
    { action: loadAction(op), validation: loadValidation(op) },
  ]),
);

/**
 * Creates a dynalite store on LevelDB at `path`. Tables become ACTIVE on the next macrotask
 * (`createTableMs: 0`); the account and Region in ARNs come from the engine, not `process.env`.
 * Table descriptions are read through a write-through memory cache (table-cache.ts); writes of one
 * event-loop turn go to LevelDB as one batch and reads are synchronous (level-io.ts).
 * The database is not open yet: call `store.db.open()` and handle its error.
 */
export function createDynaliteStore(path: string, accountId: string, region: string): DynaliteStore {
  const store = dbModule.create({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  store.tableDb.awsAccountId = accountId;
  store.tableDb.awsRegion = region;
  cacheTableDescriptions(store.tableDb, () => store.lifecycleManager.getState() === 'closed');
  tuneLevelIo(store.db as unknown as LevelInternals);
  return store;
}

/**
 * Runs one dynalite operation exactly as its HTTP handler would. dynalite mutates and keeps its
 * input objects, and keeps mutating the objects it answered with (CREATING -> ACTIVE), so both are
 * copied, unless `inputOwned`: the input was parsed for this call alone and the caller serializes
 * the result at once (the wire path), where the two copies would only cost time. Resolves with the
 * JSON-shaped result; rejects with a DynamoDbError for AWS-style failures, and with an
 * InternalServerError for anything else (dynalite's own handler would throw and crash the process).
 */
export function runDynaliteOperation(
  store: DynaliteStore,
  op: DynaliteOperation,
  input: unknown,
  inputOwned = false,
): Promise<unknown> {
  const entry = ACTIONS.get(op);
  if (!entry) return Promise.reject(dynamoDbErrors.internal(new Error(`operation ${op} is not wired`)));
  return new Promise((resolve, reject) => {
    const fail = (error: unknown): void => {
      reject(fromDynaliteError(error) ?? dynamoDbErrors.internal(error));
    };
    try {
      const copy = (
        inputOwned && input !== undefined ? input : JSON.parse(JSON.stringify(input ?? {}))
      ) as Record<string, unknown>;
      const types = entry.validation.types as TypeTable;
      const fast = checkInputTypes(copy, types);
      const data = fast === UNUSUAL ? validations.checkTypes(copy, types) : fast;
      validations.checkValidations(data, entry.validation.types, entry.validation.custom, store);
      entry.action(store, data, (error, result) => {
        if (error) return fail(error);
        if (result === undefined) resolve({});
        else resolve(inputOwned ? result : JSON.parse(JSON.stringify(result)));
      });
    } catch (error) {
      fail(error);
    }
  });
}

/** Where dynalite keeps table descriptions: keys `table~<name>` in the shared LevelDB. */
const TABLE_PREFIX = 'table~';

/**
 * Table names in order, from a bounded key range. dynalite's own ListTables streams every key of
 * every table to find them, which grows with the item count; this reads only the table keys.
 */
export async function listTableNames(
  store: DynaliteStore,
  after?: string,
  limit?: number,
): Promise<string[]> {
  const names: string[] = [];
  // Table names are [a-zA-Z0-9_.-], all below DEL (0x7f).
  const range = after === undefined ? { gte: TABLE_PREFIX } : { gt: TABLE_PREFIX + after };
  for await (const key of store.db.keys({
    ...range,
    lt: `${TABLE_PREFIX}\x7f`,
    ...(limit !== undefined && { limit }),
  })) {
    names.push(key.slice(TABLE_PREFIX.length));
  }
  return names;
}
