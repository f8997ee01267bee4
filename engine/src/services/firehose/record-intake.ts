import { firehoseErrors } from './errors.ts';
import type { FirehoseContext } from './service.ts';

/** 1,000 KiB per record before base64; 4 MiB per batch. */
export const MAX_RECORD_BYTES = 1_024_000;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export interface PutOptions {
  /**
   * True when CloudWatch Logs is the sender (a subscription filter). Streams with the
   * Decompression processor accept nothing else, as on AWS (InvalidSourceException).
   */
  readonly fromCloudWatchLogs?: boolean;
}

/** JSON carries a record's Data as base64. */
export function decodeRecordData(record: Record<string, unknown>): Buffer {
  if (typeof record.Data !== 'string')
    throw firehoseErrors.invalidArgument('Record.Data must be a base64 string.');
  return Buffer.from(record.Data, 'base64');
}

function checkRecords(records: readonly Buffer[]): void {
  let total = 0;
  for (const data of records) {
    if (data.length > MAX_RECORD_BYTES) {
      throw firehoseErrors.invalidArgument(
        `Record size ${data.length} exceeds the limit of ${MAX_RECORD_BYTES} bytes.`,
      );
    }
    total += data.length;
  }
  if (total > MAX_BATCH_BYTES)
    throw firehoseErrors.invalidArgument(`The batch exceeds ${MAX_BATCH_BYTES} bytes.`);
}

/** Hands records to the stream's buffer, all of them or (throwing) none. */
export function acceptRecords(
  ctx: FirehoseContext,
  streamName: string,
  records: readonly Buffer[],
  options: PutOptions,
): void {
  const stream = ctx.streams.get(streamName);
  if (stream.destination.decompress && !options.fromCloudWatchLogs) throw firehoseErrors.invalidSource();
  checkRecords(records);
  const pump = ctx.pumps.get(streamName);
  if (!pump) throw firehoseErrors.notFound(streamName);
  pump.accept(records);
}
