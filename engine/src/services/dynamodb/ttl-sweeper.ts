import type { Clock, TimerHandle } from '../../runtime/clock.ts';
import type { DynamoDbContext } from './context.ts';
import { isRecord } from './context.ts';
import { runDynaliteOperation } from './dynalite-engine.ts';
import { DynamoDbError } from './errors.ts';

/**
 * How often expired items are looked for. AWS deletes "typically within a few days"; an emulator
 * should be prompt and predictable instead, so tests advance a virtual clock past one interval.
 */
export const DEFAULT_TTL_SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * Whether an item has expired at `nowMs`: its TTL attribute is a Number of epoch *seconds* less than
 * the current time. Any other type (a String, a millisecond value read as far future) never expires.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html
 */
export function isExpired(item: Record<string, unknown>, attributeName: string, nowMs: number): boolean {
  const attribute = item[attributeName];
  if (!isRecord(attribute) || typeof attribute.N !== 'string') return false;
  const seconds = Number(attribute.N);
  return Number.isFinite(seconds) && seconds * 1000 < nowMs;
}

interface ScanPage {
  Items?: Record<string, unknown>[];
  LastEvaluatedKey?: Record<string, unknown>;
}

async function sweepTable(
  ctx: DynamoDbContext,
  tableName: string,
  attributeName: string,
  nowMs: number,
): Promise<number> {
  let table: { KeySchema: { AttributeName: string }[] };
  try {
    table = (
      (await runDynaliteOperation(ctx.store, 'DescribeTable', { TableName: tableName })) as {
        Table: typeof table;
      }
    ).Table;
  } catch (error) {
    if (error instanceof DynamoDbError && error.code === 'ResourceNotFoundException') return 0;
    throw error;
  }
  const keyNames = table.KeySchema.map((k) => k.AttributeName);
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = (await runDynaliteOperation(ctx.store, 'Scan', {
      TableName: tableName,
      ...(startKey && { ExclusiveStartKey: startKey }),
    })) as ScanPage;
    for (const item of page.Items ?? []) {
      if (!isExpired(item, attributeName, nowMs)) continue;
      const key = Object.fromEntries(keyNames.map((name) => [name, item[name]]));
      try {
        // Through the public DeleteItem, conditioned on the value we saw: a concurrent write that
        // extended the item's life wins, as it does on AWS.
        await runDynaliteOperation(ctx.store, 'DeleteItem', {
          TableName: tableName,
          Key: key,
          ConditionExpression: '#ttl = :seen',
          ExpressionAttributeNames: { '#ttl': attributeName },
          ExpressionAttributeValues: { ':seen': item[attributeName] },
        });
        deleted++;
      } catch (error) {
        if (!(error instanceof DynamoDbError && error.code === 'ConditionalCheckFailedException'))
          throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}

/** Deletes every expired item of every table with TTL enabled; returns how many were deleted. */
export async function sweepExpiredItems(ctx: DynamoDbContext, nowMs: number): Promise<number> {
  let deleted = 0;
  for (const { tableName, attributeName } of ctx.settings.timeToLiveTables()) {
    deleted += await sweepTable(ctx, tableName, attributeName, nowMs);
  }
  return deleted;
}

/** Runs `sweep` every `intervalMs` of the injected clock; one sweep at a time. */
export class TtlSweeper {
  private timer: TimerHandle | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly sweep: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Stops the timer and waits for a sweep in progress, so the database can be closed after. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    await this.running;
  }

  /** Resolves when the sweep in progress (if any) has finished. */
  settled(): Promise<void> {
    return this.running;
  }

  private schedule(): void {
    this.timer = this.clock.setTimer(() => {
      this.running = this.sweep().then(
        () => undefined,
        (error: unknown) => this.onError(error),
      );
      void this.running.then(() => {
        if (!this.stopped) this.schedule();
      });
    }, this.intervalMs);
  }
}
