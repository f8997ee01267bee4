import { defineFirehoseOperation } from '../define-operation.ts';
import { firehoseErrors } from '../errors.ts';
import { acceptRecords, decodeRecordData, type PutOptions } from '../record-intake.ts';
import type { FirehoseContext } from '../service.ts';
import { recordId } from './put-record.ts';

export interface PutRecordBatchOutput {
  FailedPutCount: number;
  Encrypted: boolean;
  RequestResponses: { RecordId: string }[];
}

/** All records are accepted or the call fails as a whole (this emulator has no partial throttling). */
export function putRecordBatch(
  ctx: FirehoseContext,
  streamName: string,
  records: readonly Buffer[],
  options: PutOptions,
): PutRecordBatchOutput {
  if (records.length === 0 || records.length > 500) {
    throw firehoseErrors.invalidArgument('Records must contain 1 to 500 records.');
  }
  acceptRecords(ctx, streamName, records, options);
  return {
    FailedPutCount: 0,
    Encrypted: false,
    RequestResponses: records.map(() => ({ RecordId: recordId() })),
  };
}

/** https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html */
export const putRecordBatchOperation = (ctx: FirehoseContext) =>
  defineFirehoseOperation({
    input: {
      DeliveryStreamName: { type: 'string', required: true },
      Records: { type: 'list', required: true, member: { type: 'map' }, minItems: 1, maxItems: 500 },
    },
    handle: ({ DeliveryStreamName, Records }) =>
      putRecordBatch(ctx, DeliveryStreamName, Records.map(decodeRecordData), {}),
  });
