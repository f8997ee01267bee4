import { validateInput } from '../../sqs/input-rules.ts';
import { FIREHOSE_INPUT_CODES, firehoseErrors } from '../errors.ts';

/**
 * PutRecord and PutRecordBatch request rules and decoding (JSON carries Data as base64).
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecord.html
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html
 */
export const putRecordRules = {
  DeliveryStreamName: { type: 'string', required: true },
  Record: { type: 'object', required: true },
} as const;

export const putRecordBatchRules = {
  DeliveryStreamName: { type: 'string', required: true },
  Records: { type: 'object[]', required: true, minLength: 1, maxLength: 500 },
} as const;

/** 1,000 KiB per record before base64; 4 MiB per batch. */
export const MAX_RECORD_BYTES = 1_024_000;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export function decodeRecordData(record: Record<string, unknown>): Buffer {
  if (typeof record.Data !== 'string')
    throw firehoseErrors.invalidArgument('Record.Data must be a base64 string.');
  return Buffer.from(record.Data, 'base64');
}

export function checkRecords(records: readonly Buffer[]): void {
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

export const parsePutRecord = (input: unknown): { stream: string; data: Buffer } => {
  const request = validateInput(putRecordRules, input, FIREHOSE_INPUT_CODES);
  return { stream: request.DeliveryStreamName, data: decodeRecordData(request.Record) };
};

export const parsePutRecordBatch = (input: unknown): { stream: string; data: Buffer[] } => {
  const request = validateInput(putRecordBatchRules, input, FIREHOSE_INPUT_CODES);
  return { stream: request.DeliveryStreamName, data: request.Records.map(decodeRecordData) };
};
