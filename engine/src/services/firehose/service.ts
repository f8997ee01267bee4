import { randomBytes } from 'node:crypto';
import { type AccountContext, DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { WriteGate } from '../../runtime/held-writes.ts';
import { validateInput } from '../sqs/input-rules.ts';
import { FIREHOSE_INPUT_CODES, firehoseErrors } from './errors.ts';
import type { FirehoseContext } from './operations/context.ts';
import { createDeliveryStream } from './operations/create-delivery-stream.ts';
import { describeDeliveryStream, listDeliveryStreams } from './operations/describe-delivery-stream.ts';
import { checkRecords } from './operations/put-record.ts';
import { type S3ObjectWriter, StreamPump } from './stream-pump.ts';
import { StreamStore } from './stream-store.ts';

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

export interface PutOptions {
  /**
   * True when CloudWatch Logs is the sender (a subscription filter). Streams with the
   * Decompression processor accept nothing else, as on AWS (InvalidSourceException).
   */
  readonly fromCloudWatchLogs?: boolean;
}

export interface PutRecordBatchOutput {
  FailedPutCount: number;
  Encrypted: boolean;
  RequestResponses: { RecordId: string }[];
}

/** Record ids are opaque; AWS uses long base64-ish strings. */
const recordId = (): string => randomBytes(42).toString('base64url');

/** The local Firehose: DirectPut streams delivering to S3 with CloudWatch Logs processing. */
export class FirehoseService {
  private readonly ctx: FirehoseContext;
  private readonly pumps = new Map<string, StreamPump>();

  constructor(private readonly options: FirehoseServiceOptions) {
    this.ctx = {
      streams: new StreamStore(options.dataDir),
      clock: options.clock,
      account: options.account ?? DEFAULT_ACCOUNT,
    };
    for (const stream of this.ctx.streams.all()) this.pumps.set(stream.name, this.newPump(stream.name));
  }

  /** Schedules delivery of records buffered before a restart. */
  start(): void {
    for (const pump of this.pumps.values()) pump.resume();
  }

  /** Stops timers; buffered records stay on disk for the next start. */
  stop(): void {
    for (const pump of this.pumps.values()) pump.stop();
  }

  createDeliveryStream(input: unknown): { DeliveryStreamARN: string } {
    const result = createDeliveryStream(this.ctx, input);
    const name = (input as { DeliveryStreamName: string }).DeliveryStreamName;
    this.pumps.set(name, this.newPump(name));
    return result;
  }

  /** Buffered, undelivered records are discarded with the stream. */
  deleteDeliveryStream(input: unknown): Record<string, never> {
    const { DeliveryStreamName } = validateInput(
      { DeliveryStreamName: { type: 'string', required: true }, AllowForceDelete: { type: 'boolean' } },
      input,
      FIREHOSE_INPUT_CODES,
    );
    this.ctx.streams.get(DeliveryStreamName);
    this.pumps.get(DeliveryStreamName)?.destroy();
    this.pumps.delete(DeliveryStreamName);
    this.ctx.streams.remove(DeliveryStreamName);
    return {};
  }

  describeDeliveryStream(input: unknown): { DeliveryStreamDescription: Record<string, unknown> } {
    return describeDeliveryStream(this.ctx, input);
  }

  listDeliveryStreams(input: unknown = {}): {
    DeliveryStreamNames: string[];
    HasMoreDeliveryStreams: boolean;
  } {
    return listDeliveryStreams(this.ctx, input);
  }

  putRecord(
    streamName: string,
    data: Buffer,
    options: PutOptions = {},
  ): { RecordId: string; Encrypted: boolean } {
    this.accept(streamName, [data], options);
    return { RecordId: recordId(), Encrypted: false };
  }

  /** All records are accepted or the call fails as a whole (this emulator has no partial throttling). */
  putRecordBatch(
    streamName: string,
    records: readonly Buffer[],
    options: PutOptions = {},
  ): PutRecordBatchOutput {
    if (records.length === 0 || records.length > 500) {
      throw firehoseErrors.invalidArgument('Records must contain 1 to 500 records.');
    }
    this.accept(streamName, records, options);
    return {
      FailedPutCount: 0,
      Encrypted: false,
      RequestResponses: records.map(() => ({ RecordId: recordId() })),
    };
  }

  /** Delivers a stream's buffer now (shutdown, tests, `tapstack` flush commands). */
  flush(streamName: string): void {
    this.pump(streamName).flush();
  }

  /** The last delivery failure of a stream, if its buffer is waiting for a retry. */
  lastDeliveryError(streamName: string): string | undefined {
    return this.pump(streamName).lastError;
  }

  private accept(streamName: string, records: readonly Buffer[], options: PutOptions): void {
    const stream = this.ctx.streams.get(streamName);
    if (stream.destination.decompress && !options.fromCloudWatchLogs) throw firehoseErrors.invalidSource();
    checkRecords(records);
    this.pump(streamName).accept(records);
  }

  private pump(name: string): StreamPump {
    const pump = this.pumps.get(name);
    if (!pump) throw firehoseErrors.notFound(name);
    return pump;
  }

  private newPump(name: string): StreamPump {
    return new StreamPump(
      this.ctx.streams.get(name),
      this.options.dataDir,
      this.ctx.clock,
      this.options.s3,
      undefined,
      this.options.writeGate,
    );
  }
}
