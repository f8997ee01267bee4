import type { JsonServiceEntry } from '../../protocol/service-entry.ts';
import { createDeliveryStream } from './operations/create-delivery-stream.ts';
import { deleteDeliveryStream } from './operations/delete-delivery-stream.ts';
import { describeDeliveryStream } from './operations/describe-delivery-stream.ts';
import { listDeliveryStreams } from './operations/list-delivery-streams.ts';
import { putRecordOperation } from './operations/put-record.ts';
import { putRecordBatchOperation } from './operations/put-record-batch.ts';
import type { FirehoseContext, FirehoseService } from './service.ts';

/** AWS operation name → operation, each with its input rules. */
export const firehoseOperationTable = (ctx: FirehoseContext) => ({
  CreateDeliveryStream: createDeliveryStream(ctx),
  DeleteDeliveryStream: deleteDeliveryStream(ctx),
  DescribeDeliveryStream: describeDeliveryStream(ctx),
  ListDeliveryStreams: listDeliveryStreams(ctx),
  PutRecord: putRecordOperation(ctx),
  PutRecordBatch: putRecordBatchOperation(ctx),
});

export type FirehoseOperationTable = ReturnType<typeof firehoseOperationTable>;

/**
 * Firehose on the AWS endpoint: AWS JSON 1.1 (`X-Amz-Target: Firehose_20150804.<Operation>`).
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_Operations.html
 */
export const firehoseServiceEntry = (firehose: FirehoseService): JsonServiceEntry => ({
  kind: 'json',
  iamPrefix: 'firehose',
  protocol: {
    version: '1.1',
    targetPrefixes: ['Firehose_20150804'],
    errorNamespace: 'com.amazonaws.firehose',
  },
  operations: firehose.operations,
});
