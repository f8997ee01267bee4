import { gunzipSync } from 'node:zlib';
import type { S3Destination } from './destination.ts';

/**
 * Record processing for CloudWatch Logs subscriptions: gunzip (Decompression), then keep only the
 * `message` of each log event of DATA_MESSAGE envelopes, one per line (CloudWatchLogProcessing with
 * DataMessageExtraction); CONTROL_MESSAGE envelopes produce nothing.
 * https://docs.aws.amazon.com/firehose/latest/dev/writing-with-cloudwatch-logs-decompression.html
 * https://docs.aws.amazon.com/firehose/latest/dev/Message_extraction.html
 */
export type ProcessedRecord =
  | { readonly ok: true; readonly data: Buffer }
  | {
      readonly ok: false;
      readonly errorOutputType: string;
      readonly errorCode: string;
      readonly errorMessage: string;
    };

interface LogsEnvelope {
  readonly messageType?: unknown;
  readonly logEvents?: unknown;
}

export function processRecord(
  data: Buffer,
  destination: Pick<S3Destination, 'decompress' | 'extractMessages'>,
): ProcessedRecord {
  if (!destination.decompress) return { ok: true, data };
  let json: Buffer;
  try {
    json = gunzipSync(data);
  } catch (error) {
    return {
      ok: false,
      errorOutputType: 'decompression-failed',
      errorCode: 'Decompression.Failed',
      errorMessage: `The record could not be decompressed as GZIP: ${(error as Error).message}`,
    };
  }
  if (!destination.extractMessages) return { ok: true, data: json };
  let envelope: LogsEnvelope;
  try {
    envelope = JSON.parse(json.toString('utf8')) as LogsEnvelope;
  } catch {
    return processingFailed('The decompressed record is not a CloudWatch Logs JSON envelope.');
  }
  if (envelope.messageType === 'CONTROL_MESSAGE') return { ok: true, data: Buffer.alloc(0) };
  if (envelope.messageType !== 'DATA_MESSAGE' || !Array.isArray(envelope.logEvents)) {
    return processingFailed('The CloudWatch Logs envelope has no DATA_MESSAGE log events.');
  }
  const lines = envelope.logEvents.map((event: { message?: unknown }) => `${String(event?.message ?? '')}\n`);
  return { ok: true, data: Buffer.from(lines.join(''), 'utf8') };
}

const processingFailed = (errorMessage: string): ProcessedRecord => ({
  ok: false,
  errorOutputType: 'processing-failed',
  errorCode: 'CloudWatchLogProcessing.Failed',
  errorMessage,
});
