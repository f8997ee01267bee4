import { parsePutRecord, parsePutRecordBatch } from './operations/put-record.ts';
import type { FirehoseService } from './service.ts';

/** What the edge passes with each Firehose call. */
export interface FirehoseDispatchContext {
  readonly firehose: FirehoseService;
}

export type FirehoseOperation = (input: unknown, ctx: FirehoseDispatchContext) => Promise<unknown>;

/**
 * The AWS JSON 1.1 operations (`X-Amz-Target: Firehose_20150804.<Operation>`). Records put over
 * the wire come from direct callers, never from CloudWatch Logs (which puts in process).
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_Operations.html
 */
export const firehoseOperations: Readonly<Record<string, FirehoseOperation>> = {
  CreateDeliveryStream: async (input, { firehose }) => firehose.createDeliveryStream(input),
  DeleteDeliveryStream: async (input, { firehose }) => firehose.deleteDeliveryStream(input),
  DescribeDeliveryStream: async (input, { firehose }) => firehose.describeDeliveryStream(input),
  ListDeliveryStreams: async (input, { firehose }) => firehose.listDeliveryStreams(input ?? {}),
  PutRecord: async (input, { firehose }) => {
    const { stream, data } = parsePutRecord(input);
    return firehose.putRecord(stream, data);
  },
  PutRecordBatch: async (input, { firehose }) => {
    const { stream, data } = parsePutRecordBatch(input);
    return firehose.putRecordBatch(stream, data);
  },
};
