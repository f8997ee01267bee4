/**
 * The engine's DynamoDB: dynalite (DynamoDB on LevelDB) embedded in-process, without a port of its
 * own. The edge hands parsed DynamoDB requests to `runParsed` (service-entry.ts); CloudFormation
 * providers call the typed methods; both go through the same operation table (operation-table.ts),
 * so a stack-created table and a wire-created one are the same. What is not emulated: index.ts.
 */

import { join } from 'node:path';
import type {
  CreateTableInput,
  TimeToLiveDescription,
  TimeToLiveSpecification,
  UpdateTableInput,
  UpdateTimeToLiveInput,
} from '@aws-sdk/client-dynamodb';
import type { AccountContext } from '../../runtime/account.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { DynamoDbContext } from './context.ts';
import { ExclusiveGate } from './exclusive-gate.ts';
import { EXCLUSIVE_OPERATIONS, runOperation } from './operation-table.ts';
import { repairTransitionalTables } from './repair-tables.ts';
import { openDynaliteStore } from './store.ts';
import { type StoredItem, type StoredItemListener, writtenItems } from './stored-items.ts';
import type { TableDescriptionJson } from './table-description.ts';
import { TableSettingsStore } from './table-settings.ts';
import { DEFAULT_TTL_SWEEP_INTERVAL_MS, sweepExpiredItems, TtlSweeper } from './ttl-sweeper.ts';

/** Real time a deploy waits for a new or updated table to become ACTIVE. */
const ACTIVE_WAIT_LIMIT_MS = 30_000;

export interface DynamoDbServiceOptions {
  /** The service's own directory: LevelDB lives in `<dataDir>/leveldb`, table settings beside it. */
  readonly dataDir: string;
  readonly clock: Clock;
  readonly account: AccountContext;
  /** Emulated milliseconds between Time to Live sweeps; default 5 minutes. */
  readonly ttlSweepIntervalMs?: number;
  /** Where background failures (a TTL sweep, a stored-item watcher) are reported; default `console.error`. */
  readonly onBackgroundError?: (error: unknown) => void;
}

export class DynamoDbService {
  private readonly sweeper: TtlSweeper;
  private readonly gate = new ExclusiveGate();
  private readonly watchers = new Set<StoredItemListener>();
  private readonly onBackgroundError: (error: unknown) => void;
  private closed: Promise<void> | undefined;

  private constructor(
    private readonly ctx: DynamoDbContext,
    private readonly clock: Clock,
    options: DynamoDbServiceOptions,
  ) {
    this.onBackgroundError =
      options.onBackgroundError ?? ((error) => console.error('[dynamodb] background work failed:', error));
    this.sweeper = new TtlSweeper(
      clock,
      options.ttlSweepIntervalMs ?? DEFAULT_TTL_SWEEP_INTERVAL_MS,
      () => this.sweepExpiredItems(),
      (error: unknown) => this.reportBackground('the Time to Live sweep', error),
    );
  }

  /**
   * Opens the data directory (creating it when missing) and starts the TTL sweeper. Rejects with an
   * error naming the directory when it is locked by another engine or damaged; never resets it.
   */
  static async open(options: DynamoDbServiceOptions): Promise<DynamoDbService> {
    const settings = new TableSettingsStore(join(options.dataDir, 'table-settings.json'));
    const path = join(options.dataDir, 'leveldb');
    const store = await openDynaliteStore(path, options.account);
    try {
      await repairTransitionalTables(store);
    } catch (error) {
      // A damaged table file (a truncated .ldb) opens fine and fails on the first read.
      await store.lifecycleManager.gracefulClose().catch(() => undefined);
      throw new Error(
        `DynamoDB data directory ${path} could not be read (${(error as Error).message}); ` +
          'it was left untouched: restore it from a copy, or move it away to start with no tables',
        { cause: error },
      );
    }
    const service = new DynamoDbService(
      { store, settings, account: options.account },
      options.clock,
      options,
    );
    service.sweeper.start();
    return service;
  }

  /**
   * Runs an operation on an input parsed for this call alone (the edge's): nothing else holds the
   * objects, so dynalite may keep them.
   */
  runParsed(operation: string, input: Record<string, unknown>): Promise<unknown> {
    return this.run(operation, input, true);
  }

  /** Runs any supported operation by its wire name (`PutItem`) on a JSON-shaped input. */
  call(operation: string, input: Record<string, unknown>): Promise<unknown> {
    return this.run(operation, input, false);
  }

  private run(operation: string, input: Record<string, unknown>, inputOwned: boolean): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('DynamoDbService is closed'));
    const run = () => runOperation(this.ctx, operation, input, inputOwned);
    const done = EXCLUSIVE_OPERATIONS.has(operation) ? this.gate.exclusive(run) : this.gate.shared(run);
    // Without watchers (no live console tab) a write costs nothing more.
    if (this.watchers.size === 0) return done;
    return done.then((output) => {
      this.announce(operation, input);
      return output;
    });
  }

  /**
   * Calls `listener` with every item a write stores from now on (stored-items.ts), until the
   * returned function is called. A listener runs on the write's path: it must be quick, and must
   * not change or keep the item. What it throws is reported, never given to the writer.
   */
  watchStoredItems(listener: StoredItemListener): () => void {
    this.watchers.add(listener);
    return () => {
      this.watchers.delete(listener);
    };
  }

  private announce(operation: string, input: Record<string, unknown>): void {
    // A write answered while the service closes: nobody is left to watch, and nothing to read back.
    if (this.closed) return;
    const { puts, updates } = writtenItems(operation, input);
    for (const [table, item] of puts) this.tell(table, item);
    // Shared, like any read: never between the steps of a running transaction.
    for (const [table, key] of updates)
      this.gate
        .shared(() => runOperation(this.ctx, 'GetItem', { TableName: table, Key: key, ConsistentRead: true }))
        .then(
          (got) => {
            const item = (got as { Item?: StoredItem }).Item;
            if (item) this.tell(table, item);
          },
          (error: unknown) => this.reportBackground(`reading back an item updated in ${table}`, error),
        );
  }

  private tell(table: string, item: StoredItem): void {
    for (const watcher of this.watchers) {
      try {
        watcher(table, item);
      } catch (error) {
        this.reportBackground(`a watcher of items stored in ${table}`, error);
      }
    }
  }

  /** Reports work no caller waits for (a sweep, a watcher) as `<what> failed: <message>`. */
  private reportBackground(what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.onBackgroundError(new Error(`${what} failed: ${message}`, { cause: error }));
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html */
  async createTable(input: CreateTableInput): Promise<TableDescriptionJson> {
    const result = (await this.call('CreateTable', { ...input })) as {
      TableDescription: TableDescriptionJson;
    };
    return result.TableDescription;
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html */
  async describeTable(tableName: string): Promise<TableDescriptionJson> {
    return ((await this.call('DescribeTable', { TableName: tableName })) as { Table: TableDescriptionJson })
      .Table;
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html */
  async updateTable(input: UpdateTableInput): Promise<TableDescriptionJson> {
    const result = (await this.call('UpdateTable', { ...input })) as {
      TableDescription: TableDescriptionJson;
    };
    return result.TableDescription;
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html */
  async deleteTable(tableName: string): Promise<TableDescriptionJson> {
    const result = (await this.call('DeleteTable', { TableName: tableName })) as {
      TableDescription: TableDescriptionJson;
    };
    return result.TableDescription;
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html */
  async updateTimeToLive(input: UpdateTimeToLiveInput): Promise<TimeToLiveSpecification> {
    const result = (await this.call('UpdateTimeToLive', { ...input })) as {
      TimeToLiveSpecification: TimeToLiveSpecification;
    };
    return result.TimeToLiveSpecification;
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html */
  async describeTimeToLive(tableName: string): Promise<TimeToLiveDescription> {
    const result = (await this.call('DescribeTimeToLive', { TableName: tableName })) as {
      TimeToLiveDescription: TimeToLiveDescription;
    };
    return result.TimeToLiveDescription;
  }

  /** Records point-in-time recovery (UpdateContinuousBackups); nothing is backed up. */
  async updatePointInTimeRecovery(
    tableName: string,
    enabled: boolean,
    recoveryPeriodInDays?: number,
  ): Promise<void> {
    await this.call('UpdateContinuousBackups', {
      TableName: tableName,
      PointInTimeRecoverySpecification: {
        PointInTimeRecoveryEnabled: enabled,
        ...(recoveryPeriodInDays !== undefined && { RecoveryPeriodInDays: recoveryPeriodInDays }),
      },
    });
  }

  /**
   * Waits (on the event loop, not the clock) until the table is ACTIVE: tables become ACTIVE one
   * macrotask after CreateTable/UpdateTable answers CREATING/UPDATING, as in AWS's waiters.
   */
  async waitUntilActive(tableName: string): Promise<TableDescriptionJson> {
    // Bounded in real time, not in attempts: on a loaded machine dynalite can take more than a
    // thousand macrotasks to build a table with indexes, and a deploy then failed at random.
    const deadline = Date.now() + ACTIVE_WAIT_LIMIT_MS;
    for (;;) {
      const table = await this.describeTable(tableName);
      if (table.TableStatus === 'ACTIVE') return table;
      if (Date.now() > deadline) break;
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    throw new Error(`table ${tableName} did not become ACTIVE`);
  }

  /** Runs one Time to Live sweep now; returns how many expired items were deleted. */
  sweepExpiredItems(): Promise<number> {
    // Shared: a sweep never deletes an item between a transaction's steps.
    return this.gate.shared(() => sweepExpiredItems(this.ctx, this.clock.now()));
  }

  /** Resolves once background work started so far (a TTL sweep the clock fired) has finished. */
  settled(): Promise<void> {
    return this.sweeper.settled();
  }

  /** Stops the sweeper, lets pending writes finish and releases the LevelDB lock. Idempotent. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await this.sweeper.stop();
      // dynalite flips table states on 0 ms timers after answering; let them run and be tracked.
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
      await this.ctx.store.lifecycleManager.gracefulClose();
    })();
    return this.closed;
  }
}
