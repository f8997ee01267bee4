/**
 * The local Amazon Data Firehose: DirectPut delivery streams to S3 with buffering on the engine
 * clock, CloudWatch Logs decompression and message extraction, prefix expressions, persisted
 * buffers, and the JSON 1.1 operation table.
 * https://docs.aws.amazon.com/firehose/latest/dev/what-is-this-service.html
 *
 * LIMITATIONS (what this does not emulate):
 * - Destinations other than ExtendedS3 (Redshift, OpenSearch, Splunk, HTTP, Snowflake, Iceberg) and
 *   sources other than DirectPut (Kinesis, MSK, databases): refused by name.
 * - Processors other than Decompression and CloudWatchLogProcessing (Lambda, RecordDeAggregation,
 *   AppendDelimiterToRecord, MetadataExtraction), dynamic partitioning, format conversion,
 *   S3 backup, CustomTimeZone, FileExtension, SSE: refused or absent.
 * - UpdateDestination, tagging operations, Start/StopDeliveryStreamEncryption: not implemented
 *   (so the stream version is always 1).
 * - Throttling and partial batch failures: a PutRecordBatch is accepted whole or refused whole.
 * - CloudWatch metrics and error logging of the stream itself.
 * - The role is recorded and used as the S3 caller (bucket policies see it) but never assumed or
 *   checked against IAM.
 * - Error records are JSON lines with attemptsMade, arrivalTimestamp, errorCode, errorMessage,
 *   attemptEndingTimestamp and rawData; AWS's exact error codes for decompression failures are not
 *   documented. Without an ErrorOutputPrefix, errors go to `<error-output-type>/yyyy/MM/dd/HH/`.
 * - Failed deliveries (missing bucket, policy deny) are retried every max(interval, 60 s) without
 *   AWS's 24-hour cut-off.
 */
export { firehoseServiceEntry } from './operation-table.ts';
export type { PutRecordBatchOutput } from './operations/put-record-batch.ts';
export { expandPrefix, formatTimestamp } from './prefix.ts';
export { type ProcessedRecord, processRecord } from './processing.ts';
export type { PutOptions } from './record-intake.ts';
export { FirehoseService, type FirehoseServiceOptions } from './service.ts';
export type { S3ObjectWriter } from './stream-pump.ts';
