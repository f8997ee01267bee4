import { join } from 'node:path';
import { isAwsError } from '../../runtime/aws-error.ts';
import { failureLine, RetryBackoff, stderrWarn, type Warn } from '../../runtime/background-task.ts';
import type { Clock, TimerHandle } from '../../runtime/clock.ts';
import { DEFAULT_HELD_BYTES, DropCounter, HELD_RETRY_MS, type WriteGate } from '../../runtime/held-writes.ts';
import { encodePathSegment } from '../../runtime/path-segment.ts';
import type { PutObjectInput, PutObjectOutput } from '../s3/operations/put-object.ts';
import type { S3Caller } from '../s3/policy.ts';
import { planDelivery } from './delivery.ts';
import type { StreamState } from './model.ts';
import { type BufferedRecord, RecordBuffer } from './record-buffer.ts';

/** The slice of the S3 service Firehose writes through (typed, in process, never over HTTP). */
export interface S3ObjectWriter {
  putObject(input: PutObjectInput, caller?: S3Caller): PutObjectOutput;
}

const MB = 1024 * 1024;
// Failed deliveries are retried no sooner than this, so a zero buffer interval cannot spin.
const MIN_RETRY_MS = 60_000;

/**
 * One stream's data path: accepted records go to the persisted buffer; the buffer is delivered
 * when it reaches SizeInMBs or when IntervalInSeconds has passed since its oldest record arrived,
 * whichever comes first (on the engine clock).
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html
 */
export class StreamPump {
  private readonly buffer: RecordBuffer;
  private timer: TimerHandle | undefined;
  private readonly backoff = new RetryBackoff();
  /** The last delivery failure, kept for diagnostics (records stay buffered and are retried). */
  lastError: string | undefined;

  constructor(
    private readonly stream: StreamState,
    dataDir: string,
    private readonly clock: Clock,
    private readonly s3: S3ObjectWriter,
    private readonly warn: Warn = stderrWarn,
    /** Under the disk's hard floor: no delivery to S3, and the buffer takes at most `heldBytes`. */
    private readonly gate?: WriteGate,
    private readonly heldBytes = DEFAULT_HELD_BYTES,
  ) {
    this.buffer = new RecordBuffer(join(dataDir, 'buffers', `${encodePathSegment(stream.name)}.log`));
    this.drops = new DropCounter(
      `records of stream ${stream.name}`,
      'Firehose delivery',
      heldBytes,
      (message) => this.warn(message),
    );
  }

  private readonly drops: DropCounter;

  /** Schedules delivery of records that survived a restart. */
  resume(): void {
    const oldest = this.buffer.oldestArrival;
    if (oldest !== undefined)
      this.schedule(oldest + this.stream.destination.intervalSeconds * 1000 - this.clock.now());
  }

  accept(data: readonly Buffer[]): void {
    // Under the floor the buffer (a file) must not grow without bound: past `heldBytes` the
    // newcomers are dropped and counted (delivered records are the older ones, kept in order).
    if (this.gate?.belowFloor() && this.buffer.bytes >= this.heldBytes) {
      this.drops.drop(
        data.length,
        data.reduce((sum, d) => sum + d.length, 0),
      );
      return;
    }
    const now = this.clock.now();
    const wasEmpty = this.buffer.bytes === 0 && this.buffer.oldestArrival === undefined;
    this.buffer.add(data.map((d): BufferedRecord => ({ arrivedAt: now, data: d })));
    const { intervalSeconds, sizeMb } = this.stream.destination;
    if (this.buffer.bytes >= sizeMb * MB || intervalSeconds === 0) this.flush();
    else if (wasEmpty) this.schedule(intervalSeconds * 1000);
  }

  /** Delivers everything buffered now; on failure keeps the records and retries later. */
  flush(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const records = this.buffer.snapshot();
    if (records.length === 0) return;
    if (this.gate?.belowFloor()) {
      // Held: the records stay buffered; delivery is tried again once space may have returned.
      this.holdRetry();
      return;
    }
    this.drops.resumed();
    const objects = planDelivery(this.stream.destination, records, {
      streamName: this.stream.name,
      version: this.stream.version,
      now: this.clock.now(),
    });
    try {
      for (const object of objects) {
        this.s3.putObject(
          {
            bucket: object.bucket,
            key: object.key,
            body: object.body,
            contentType: 'application/octet-stream',
          },
          // Firehose writes with its role over TLS on AWS (see s3/known-differences.ts).
          { principal: this.stream.destination.roleArn, secureTransport: true },
        );
      }
      // Dropping the delivered records rewrites the buffer file; a failure there keeps them (a
      // retry may deliver some twice, as Firehose's at-least-once delivery may) and retries.
      this.buffer.drop(records.length);
    } catch (error) {
      if (isAwsError(error)) {
        this.lastError = `${error.code}: ${error.message}`;
        this.schedule(Math.max(this.stream.destination.intervalSeconds * 1000, MIN_RETRY_MS));
        return;
      }
      // Disk full, data directory unwritable, descriptors exhausted: never thrown from the timer.
      const delay = Math.max(this.backoff.next(), MIN_RETRY_MS / 60);
      this.lastError = failureLine(`Firehose delivery of stream ${this.stream.name}`, error);
      this.warn(failureLine(`Firehose delivery of stream ${this.stream.name}`, error, delay));
      this.schedule(delay);
      return;
    }
    this.backoff.reset();
    this.lastError = undefined;
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Stops and forgets the buffered records (the stream was deleted). */
  destroy(): void {
    this.stop();
    this.buffer.destroy();
  }

  private schedule(delay: number): void {
    this.timer?.cancel();
    this.timer = this.clock.setTimer(() => this.flush(), Math.max(0, delay));
  }

  /**
   * The next look at free space, in real time as the log store's (free space is a real-world
   * quantity): on the engine clock a held pump woke once per emulated second, thousands of times a
   * real second at `--time-scale 2880`, and once per second of every VirtualClock advance (90 000
   * timers for a day), while a VirtualClock that was not advanced never looked again at all.
   */
  private holdRetry(): void {
    this.timer?.cancel();
    const timer = setTimeout(() => this.flush(), HELD_RETRY_MS);
    timer.unref();
    this.timer = { cancel: () => clearTimeout(timer) };
  }
}
