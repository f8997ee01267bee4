import { firehoseErrors } from './errors.ts';
import { checkPrefix, hasExpressions } from './prefix.ts';

/**
 * The ExtendedS3DestinationConfiguration subset this emulator delivers with, validated up front so
 * an unsupported setting fails the create (naming it) instead of being ignored.
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_ExtendedS3DestinationConfiguration.html
 */
export interface S3Destination {
  readonly bucketArn: string;
  readonly roleArn: string;
  readonly prefix?: string;
  readonly errorOutputPrefix?: string;
  readonly intervalSeconds: number;
  readonly sizeMb: number;
  readonly compression: 'UNCOMPRESSED' | 'GZIP';
  /** `Decompression` (GZIP) processor enabled. */
  readonly decompress: boolean;
  /** `CloudWatchLogProcessing` with `DataMessageExtraction: true`. */
  readonly extractMessages: boolean;
}

const SUPPORTED_MEMBERS = new Set([
  'BucketARN',
  'RoleARN',
  'Prefix',
  'ErrorOutputPrefix',
  'BufferingHints',
  'CompressionFormat',
  'ProcessingConfiguration',
  'CloudWatchLoggingOptions',
  'EncryptionConfiguration',
  'S3BackupMode',
]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function integerIn(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw firehoseErrors.invalidArgument(`${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

export function parseS3Destination(config: Json): S3Destination {
  for (const name of Object.keys(config)) {
    if (!SUPPORTED_MEMBERS.has(name))
      throw firehoseErrors.invalidArgument(`ExtendedS3DestinationConfiguration.${name} is not emulated.`);
  }
  const {
    BucketARN,
    RoleARN,
    Prefix,
    ErrorOutputPrefix,
    BufferingHints = {},
    CompressionFormat = 'UNCOMPRESSED',
  } = config;
  if (typeof BucketARN !== 'string' || !/^arn:[^:]+:s3:::[\w.-]{1,255}$/.test(BucketARN)) {
    throw firehoseErrors.invalidArgument('BucketARN must be an S3 bucket ARN (arn:aws:s3:::bucket).');
  }
  if (typeof RoleARN !== 'string' || !/^arn:[^:]+:iam::\d{12}:role\/.+$/.test(RoleARN)) {
    throw firehoseErrors.invalidArgument('RoleARN must be an IAM role ARN.');
  }
  if (CompressionFormat !== 'UNCOMPRESSED' && CompressionFormat !== 'GZIP') {
    throw firehoseErrors.invalidArgument(
      `CompressionFormat ${String(CompressionFormat)} is not emulated (UNCOMPRESSED or GZIP).`,
    );
  }
  if (config.S3BackupMode !== undefined && config.S3BackupMode !== 'Disabled') {
    throw firehoseErrors.invalidArgument('S3BackupMode Enabled is not emulated.');
  }
  const prefix = optionalString(Prefix, 'Prefix');
  const errorOutputPrefix = optionalString(ErrorOutputPrefix, 'ErrorOutputPrefix');
  if (prefix !== undefined) checkPrefix(prefix, false);
  if (errorOutputPrefix !== undefined) checkPrefix(errorOutputPrefix, true);
  if (prefix !== undefined && hasExpressions(prefix) && !errorOutputPrefix) {
    throw firehoseErrors.invalidArgument(
      'ErrorOutputPrefix must be specified when Prefix contains expressions.',
    );
  }
  if (!isObject(BufferingHints)) throw firehoseErrors.invalidArgument('BufferingHints must be an object.');
  const processors = parseProcessing(config.ProcessingConfiguration);
  return {
    bucketArn: BucketARN,
    roleArn: RoleARN,
    ...(prefix === undefined ? {} : { prefix }),
    ...(errorOutputPrefix === undefined ? {} : { errorOutputPrefix }),
    intervalSeconds: integerIn(
      BufferingHints.IntervalInSeconds,
      'BufferingHints.IntervalInSeconds',
      0,
      900,
      300,
    ),
    sizeMb: integerIn(BufferingHints.SizeInMBs, 'BufferingHints.SizeInMBs', 1, 128, 5),
    compression: CompressionFormat,
    ...processors,
  };
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 1024)
    throw firehoseErrors.invalidArgument(`${name} must be a string of up to 1024 characters.`);
  return value;
}

/**
 * Only the two processors CloudWatch Logs delivery needs; any other (Lambda, RecordDeAggregation,
 * AppendDelimiterToRecord, MetadataExtraction…) is refused by name.
 * https://docs.aws.amazon.com/firehose/latest/dev/Message_extraction.html
 */
function parseProcessing(value: unknown): { decompress: boolean; extractMessages: boolean } {
  if (value === undefined) return { decompress: false, extractMessages: false };
  if (!isObject(value)) throw firehoseErrors.invalidArgument('ProcessingConfiguration must be an object.');
  if (value.Enabled !== true) return { decompress: false, extractMessages: false };
  let decompress = false;
  let extractMessages = false;
  for (const processor of Array.isArray(value.Processors) ? value.Processors : []) {
    const type = isObject(processor) ? processor.Type : undefined;
    const parameters = new Map<unknown, unknown>(
      (isObject(processor) && Array.isArray(processor.Parameters) ? processor.Parameters : [])
        .filter(isObject)
        .map((p: Json) => [p.ParameterName, p.ParameterValue]),
    );
    if (type === 'Decompression') {
      const format = parameters.get('CompressionFormat') ?? 'GZIP';
      if (format !== 'GZIP')
        throw firehoseErrors.invalidArgument(
          `Decompression CompressionFormat ${String(format)} is not supported.`,
        );
      decompress = true;
    } else if (type === 'CloudWatchLogProcessing') {
      extractMessages = parameters.get('DataMessageExtraction') === 'true';
    } else {
      throw firehoseErrors.invalidArgument(
        `Processor type ${String(type)} is not emulated (only Decompression and CloudWatchLogProcessing).`,
      );
    }
  }
  if (extractMessages && !decompress) {
    throw firehoseErrors.invalidArgument(
      'CloudWatchLogProcessing message extraction requires the Decompression processor.',
    );
  }
  return { decompress, extractMessages };
}

/** The destination as DescribeDeliveryStream reports it. */
export function describeS3Destination(d: S3Destination): Json {
  const processors = [
    ...(d.decompress
      ? [
          {
            Type: 'Decompression',
            Parameters: [{ ParameterName: 'CompressionFormat', ParameterValue: 'GZIP' }],
          },
        ]
      : []),
    ...(d.extractMessages
      ? [
          {
            Type: 'CloudWatchLogProcessing',
            Parameters: [{ ParameterName: 'DataMessageExtraction', ParameterValue: 'true' }],
          },
        ]
      : []),
  ];
  return {
    BucketARN: d.bucketArn,
    RoleARN: d.roleArn,
    ...(d.prefix === undefined ? {} : { Prefix: d.prefix }),
    ...(d.errorOutputPrefix === undefined ? {} : { ErrorOutputPrefix: d.errorOutputPrefix }),
    BufferingHints: { IntervalInSeconds: d.intervalSeconds, SizeInMBs: d.sizeMb },
    CompressionFormat: d.compression,
    EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
    ProcessingConfiguration: { Enabled: processors.length > 0, Processors: processors },
    S3BackupMode: 'Disabled',
  };
}
