import { randomBytes } from 'node:crypto';
import { defineFirehoseOperation } from '../define-operation.ts';
import { acceptRecords, decodeRecordData, type PutOptions } from '../record-intake.ts';
import type { FirehoseContext } from '../service.ts';

/** Record ids are opaque; AWS uses long base64-ish strings. */
export const recordId = (): string => randomBytes(42).toString('base64url');

export function putRecord(
  ctx: FirehoseContext,
  streamName: string,
  data: Buffer,
  options: PutOptions,
): { RecordId: string; Encrypted: boolean } {
  acceptRecords(ctx, streamName, [data], options);
  return { RecordId: recordId(), Encrypted: false };
}

/**
 * Records put over the wire come from direct callers, never from CloudWatch Logs (which puts in
 * process). https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecord.html
 */
export const putRecordOperation = (ctx: FirehoseContext) =>
  defineFirehoseOperation({
    input: {
      DeliveryStreamName: { type: 'string', required: true },
      Record: { type: 'map', required: true },
    },
    handle: ({ DeliveryStreamName, Record }) =>
      putRecord(ctx, DeliveryStreamName, decodeRecordData(Record), {}),
  });
