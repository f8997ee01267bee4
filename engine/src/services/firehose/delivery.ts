import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { S3Destination } from './destination.ts';
import { expandPrefix, formatTimestamp } from './prefix.ts';
import { processRecord } from './processing.ts';
import type { BufferedRecord } from './record-buffer.ts';

/**
 * Turns one buffer's worth of records into S3 objects: processed data under the evaluated Prefix,
 * failed records as JSON lines under the evaluated ErrorOutputPrefix, one object per error type.
 * https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html
 */
export interface S3ObjectToWrite {
  readonly bucket: string;
  readonly key: string;
  readonly body: Buffer;
}

export interface DeliveryNaming {
  readonly streamName: string;
  readonly version: number;
  /** Delivery time (ms), recorded in error records. */
  readonly now: number;
  readonly uuid?: () => string;
  readonly randomString?: () => string;
}

// Without a Prefix Firehose uses the UTC hour of arrival; without an ErrorOutputPrefix this
// emulator files errors by type then hour (AWS's own default here is not documented).
const DEFAULT_PREFIX = '!{timestamp:yyyy/MM/dd/HH}/';
const DEFAULT_ERROR_PREFIX = '!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd/HH}/';

export function planDelivery(
  destination: S3Destination,
  records: readonly BufferedRecord[],
  naming: DeliveryNaming,
): S3ObjectToWrite[] {
  const first = records[0];
  if (!first) return [];
  const timestamp = Math.min(...records.map((r) => r.arrivedAt));
  const bucket = destination.bucketArn.split(':::')[1] as string;
  const suffix = (): string =>
    `${naming.streamName}-${naming.version}-${formatTimestamp(timestamp, 'yyyy-MM-dd-HH-mm-ss')}-${(naming.uuid ?? randomUUID)()}`;
  const values = { timestamp, ...(naming.randomString ? { randomString: naming.randomString } : {}) };
  const objects: S3ObjectToWrite[] = [];
  const delivered: Buffer[] = [];
  const failed = new Map<string, string[]>();
  for (const record of records) {
    const result = processRecord(record.data, destination);
    if (result.ok) {
      delivered.push(result.data);
      continue;
    }
    const lines = failed.get(result.errorOutputType) ?? [];
    lines.push(
      `${JSON.stringify({
        attemptsMade: 1,
        arrivalTimestamp: record.arrivedAt,
        errorCode: result.errorCode,
        errorMessage: result.errorMessage,
        attemptEndingTimestamp: naming.now,
        rawData: record.data.toString('base64'),
      })}\n`,
    );
    failed.set(result.errorOutputType, lines);
  }
  const body = Buffer.concat(delivered);
  if (body.length > 0) {
    const gzip = destination.compression === 'GZIP';
    objects.push({
      bucket,
      key: `${expandPrefix(destination.prefix ?? DEFAULT_PREFIX, values)}${suffix()}${gzip ? '.gz' : ''}`,
      body: gzip ? gzipSync(body) : body,
    });
  }
  for (const [errorOutputType, lines] of failed) {
    const prefix = expandPrefix(destination.errorOutputPrefix ?? DEFAULT_ERROR_PREFIX, {
      ...values,
      errorOutputType,
    });
    objects.push({ bucket, key: `${prefix}${suffix()}`, body: Buffer.from(lines.join(''), 'utf8') });
  }
  return objects;
}
