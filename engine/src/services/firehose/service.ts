import type { RequestContext, TypedOperation } from '../../protocol/operation.ts';
import type { InputSchema } from '../../protocol/validation.ts';
import { type AccountContext, DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { WriteGate } from '../../runtime/held-writes.ts';
import { firehoseErrors } from './errors.ts';
import { type FirehoseOperationTable, firehoseOperationTable } from './operation-table.ts';
import { putRecord } from './operations/put-record.ts';
import { type PutRecordBatchOutput, putRecordBatch } from './operations/put-record-batch.ts';
import type { PutOptions } from './record-intake.ts';
import { StreamStore } from './store.ts';
import { type S3ObjectWriter, StreamPump } from './stream-pump.ts';

export interface FirehoseServiceOptions {
  /** The service's data directory: stream definitions and buffered records live under it. */
  readonly dataDir: string;
  readonly clock: Clock;
  readonly account?: AccountContext;
  /** Where objects are delivered: the engine's S3 service. */
  readonly s3: S3ObjectWriter;
  /** Under the disk's hard floor, deliveries wait and buffers are bounded (see stream-pump.ts). */
  readonly writeGate?: WriteGate;
}

/** What every Firehose operation shares: the streams and each stream's delivery pump. */
export interface FirehoseContext {
  readonly streams: StreamStore;
  readonly clock: Clock;
  readonly account: AccountContext;
  readonly pumps: Map<string, StreamPump>;
  readonly newPump: (name: string) => StreamPump;
}

/**
 * The local Firehose: DirectPut streams delivering to S3 with CloudWatch Logs processing.
 * `operations` is the table the edge dispatches into; the methods below run the same operations
 * in process (providers, CloudWatch Logs subscriptions).
 */
export class FirehoseService {
  readonly operations: FirehoseOperationTable;
  private readonly ctx: FirehoseContext;

  constructor(options: FirehoseServiceOptions) {
    const streams = new StreamStore(options.dataDir);
    this.ctx = {
      streams,
      clock: options.clock,
      account: options.account ?? DEFAULT_ACCOUNT,
      pumps: new Map(),
      newPump: (name) =>
        new StreamPump(
          streams.get(name),
          options.dataDir,
          options.clock,
          options.s3,
          undefined,
          options.writeGate,
        ),
    };
    for (const stream of streams.all()) this.ctx.pumps.set(stream.name, this.ctx.newPump(stream.name));
    this.operations = firehoseOperationTable(this.ctx);
  }

  /** Schedules delivery of records buffered before a restart. */
  start(): void {
    for (const pump of this.ctx.pumps.values()) pump.resume();
  }

  /** Stops timers; buffered records stay on disk for the next start. */
  stop(): void {
    for (const pump of this.ctx.pumps.values()) pump.stop();
  }

  createDeliveryStream(input: unknown): { DeliveryStreamARN: string } {
    return this.call(this.operations.CreateDeliveryStream, input);
  }

  /** Buffered, undelivered records are discarded with the stream. */
  deleteDeliveryStream(input: unknown): Record<string, never> {
    return this.call(this.operations.DeleteDeliveryStream, input);
  }

  describeDeliveryStream(input: unknown): { DeliveryStreamDescription: Record<string, unknown> } {
    return this.call(this.operations.DescribeDeliveryStream, input);
  }

  listDeliveryStreams(input: unknown = {}): {
    DeliveryStreamNames: string[];
    HasMoreDeliveryStreams: boolean;
  } {
    return this.call(this.operations.ListDeliveryStreams, input);
  }

  putRecord(
    streamName: string,
    data: Buffer,
    options: PutOptions = {},
  ): { RecordId: string; Encrypted: boolean } {
    return putRecord(this.ctx, streamName, data, options);
  }

  /** All records are accepted or the call fails as a whole (this emulator has no partial throttling). */
  putRecordBatch(
    streamName: string,
    records: readonly Buffer[],
    options: PutOptions = {},
  ): PutRecordBatchOutput {
    return putRecordBatch(this.ctx, streamName, records, options);
  }

  /** Delivers a stream's buffer now (shutdown, tests, `tapstack` flush commands). */
  flush(streamName: string): void {
    this.pump(streamName).flush();
  }

  /** The last delivery failure of a stream, if its buffer is waiting for a retry. */
  lastDeliveryError(streamName: string): string | undefined {
    return this.pump(streamName).lastError;
  }

  private pump(name: string): StreamPump {
    const pump = this.ctx.pumps.get(name);
    if (!pump) throw firehoseErrors.notFound(name);
    return pump;
  }

  /** Validates and runs one operation in process, as a root caller of this account. */
  private call<S extends InputSchema, R>(operation: TypedOperation<S, R>, raw: unknown): R {
    const request: RequestContext = {
      requestId: '',
      region: this.ctx.account.region,
      accountId: this.ctx.account.accountId,
      caller: { accessKeyId: '', kind: 'root' },
    };
    return operation.handle(operation.parse(raw, ''), request);
  }
}
