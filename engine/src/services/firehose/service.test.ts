import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { isAwsError } from '../../runtime/aws-error.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { S3Service } from '../s3/service.ts';
import { FirehoseService } from './service.ts';

const START = Date.UTC(2026, 4, 17, 13, 59, 30);
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(existing?: { dir: string; clock: VirtualClock }) {
  const dir = existing?.dir ?? mkdtempSync(join(tmpdir(), 'firehose-'));
  if (!existing) dirs.push(dir);
  const clock = existing?.clock ?? new VirtualClock(START);
  const s3 = new S3Service({ dataDir: join(dir, 's3'), clock });
  if (!existing) s3.createBucket({ bucket: 'access-archive' });
  const firehose = new FirehoseService({ dataDir: join(dir, 'firehose'), clock, s3 });
  firehose.start();
  return { dir, clock, s3, firehose };
}

const ROLE = 'arn:aws:iam::000000000000:role/firehose-delivery';

const cloudWatchLogsStream = (overrides: Record<string, unknown> = {}) => ({
  DeliveryStreamName: 'access-logs',
  DeliveryStreamType: 'DirectPut',
  ExtendedS3DestinationConfiguration: {
    BucketARN: 'arn:aws:s3:::access-archive',
    RoleARN: ROLE,
    Prefix: 'api/!{timestamp:yyyy/MM/dd}/',
    ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
    BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 },
    CompressionFormat: 'UNCOMPRESSED',
    ProcessingConfiguration: {
      Enabled: true,
      Processors: [
        {
          Type: 'Decompression',
          Parameters: [{ ParameterName: 'CompressionFormat', ParameterValue: 'GZIP' }],
        },
        {
          Type: 'CloudWatchLogProcessing',
          Parameters: [{ ParameterName: 'DataMessageExtraction', ParameterValue: 'true' }],
        },
      ],
    },
    ...overrides,
  },
});

const envelope = (messageType: string, messages: string[]): Buffer =>
  gzipSync(
    JSON.stringify({
      owner: '000000000000',
      logGroup: '/aws/apigateway/access',
      logStream: 'default',
      subscriptionFilters: ['to-firehose'],
      messageType,
      logEvents: messages.map((message, i) => ({ id: `${i}`, timestamp: START, message })),
    }),
  );

const objects = (s3: S3Service) =>
  s3.listObjectsV2({ bucket: 'access-archive' }).contents.map((o) => ({
    key: o.key,
    body: s3.getObject({ bucket: 'access-archive', key: o.key }).body,
  }));

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (isAwsError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an AwsError');
};

describe('FirehoseService', () => {
  it('delivers exactly the log messages under the dated prefix once the buffer interval passes', async () => {
    // Prepare
    const { s3, firehose, clock } = setup();
    firehose.createDeliveryStream(cloudWatchLogsStream());
    const fromLogs = { fromCloudWatchLogs: true };

    // Act
    firehose.putRecord(
      'access-logs',
      envelope('CONTROL_MESSAGE', ['CWL CONTROL MESSAGE: Checking health of destination Firehose.']),
      fromLogs,
    );
    firehose.putRecordBatch(
      'access-logs',
      [envelope('DATA_MESSAGE', ['{"status":200}', '{"status":404}'])],
      fromLogs,
    );
    await clock.advance(30_000);
    firehose.putRecord('access-logs', envelope('DATA_MESSAGE', ['{"status":500}']), fromLogs);
    await clock.advance(29_999);
    const beforeInterval = objects(s3);
    await clock.advance(1);
    const delivered = objects(s3);

    // Assess
    expect(beforeInterval).toEqual([]);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.key).toMatch(/^api\/2026\/05\/17\/access-logs-1-2026-05-17-13-59-30-[0-9a-f-]{36}$/);
    expect(delivered[0]?.body.toString()).toBe('{"status":200}\n{"status":404}\n{"status":500}\n');
  });

  it('keeps accepted records across a restart and delivers them after it', async () => {
    // Prepare
    const first = setup();
    first.firehose.createDeliveryStream(cloudWatchLogsStream());
    first.firehose.putRecord('access-logs', envelope('DATA_MESSAGE', ['survives']), {
      fromCloudWatchLogs: true,
    });
    first.firehose.stop();

    // Act
    const second = setup({ dir: first.dir, clock: first.clock });
    await second.clock.advance(60_000);

    // Assess
    expect(objects(second.s3).map((o) => o.body.toString())).toEqual(['survives\n']);
  });

  it('delivers at once when the buffer reaches SizeInMBs', () => {
    // Prepare
    const { s3, firehose } = setup();
    firehose.createDeliveryStream({
      DeliveryStreamName: 'raw',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'arn:aws:s3:::access-archive',
        RoleARN: ROLE,
        BufferingHints: { IntervalInSeconds: 900, SizeInMBs: 1 },
        CompressionFormat: 'GZIP',
      },
    });
    const half = Buffer.alloc(512 * 1024, 'a');

    // Act
    firehose.putRecord('raw', half);
    const afterHalf = objects(s3).length;
    firehose.putRecord('raw', half);

    // Assess
    const delivered = objects(s3);
    expect(afterHalf).toBe(0);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.key).toMatch(/^2026\/05\/17\/13\/raw-1-2026-05-17-13-59-30-.*\.gz$/);
    expect(gunzipSync(delivered[0]?.body ?? Buffer.alloc(0)).equals(Buffer.concat([half, half]))).toBe(true);
  });

  it('files records that fail decompression under the error prefix', async () => {
    // Prepare
    const { s3, firehose, clock } = setup();
    firehose.createDeliveryStream(cloudWatchLogsStream());

    // Act
    firehose.putRecord('access-logs', Buffer.from('not gzip'), { fromCloudWatchLogs: true });
    await clock.advance(60_000);

    // Assess
    const [failed] = objects(s3);
    expect(failed?.key).toMatch(/^errors\/decompression-failed\/2026\/05\/17\/access-logs-1-/);
    expect(JSON.parse(failed?.body.toString() ?? '{}')).toMatchObject({
      rawData: Buffer.from('not gzip').toString('base64'),
      errorCode: 'Decompression.Failed',
    });
  });

  it('refuses direct puts to a stream that decompresses CloudWatch Logs data', () => {
    // Prepare
    const { firehose } = setup();
    firehose.createDeliveryStream(cloudWatchLogsStream());

    // Act / Assess
    expect(codeOf(() => firehose.putRecord('access-logs', Buffer.from('x')))).toBe('InvalidSourceException');
  });

  it('retries a delivery whose bucket is missing instead of dropping the records', async () => {
    // Prepare
    const { s3, firehose, clock } = setup();
    firehose.createDeliveryStream({
      DeliveryStreamName: 'late-bucket',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'arn:aws:s3:::created-later',
        RoleARN: ROLE,
        BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 5 },
      },
    });
    firehose.putRecord('late-bucket', Buffer.from('kept'));
    await clock.advance(60_000);
    const error = firehose.lastDeliveryError('late-bucket');

    // Act
    s3.createBucket({ bucket: 'created-later' });
    await clock.advance(60_000);

    // Assess
    expect(error).toMatch(/^NoSuchBucket/);
    const keys = s3.listObjectsV2({ bucket: 'created-later' }).contents.map((o) => o.key);
    expect(keys).toHaveLength(1);
    expect(s3.getObject({ bucket: 'created-later', key: keys[0] as string }).body.toString()).toBe('kept');
  });

  it.each([
    [
      'a Lambda processor',
      { ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [] }] } },
      /Processor type Lambda/,
    ],
    [
      'message extraction without decompression',
      {
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [
            {
              Type: 'CloudWatchLogProcessing',
              Parameters: [{ ParameterName: 'DataMessageExtraction', ParameterValue: 'true' }],
            },
          ],
        },
      },
      /requires the Decompression processor/,
    ],
    [
      'an expression prefix without an error prefix',
      { ErrorOutputPrefix: undefined },
      /ErrorOutputPrefix must be specified/,
    ],
    ['a buffer interval above 900 s', { BufferingHints: { IntervalInSeconds: 901 } }, /IntervalInSeconds/],
    ['Snappy compression', { CompressionFormat: 'Snappy' }, /CompressionFormat Snappy/],
  ])('refuses a stream with %s', (_name, overrides, message) => {
    const { firehose } = setup();
    expect(() => firehose.createDeliveryStream(cloudWatchLogsStream(overrides))).toThrow(message);
  });

  it('describes the stream with defaults filled in', () => {
    // Prepare
    const { firehose } = setup();
    firehose.createDeliveryStream({
      DeliveryStreamName: 'plain',
      ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::access-archive', RoleARN: ROLE },
    });

    // Act
    const { DeliveryStreamDescription } = firehose.describeDeliveryStream({ DeliveryStreamName: 'plain' });

    // Assess
    expect(DeliveryStreamDescription).toMatchObject({
      DeliveryStreamARN: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/plain',
      DeliveryStreamStatus: 'ACTIVE',
      VersionId: '1',
      Destinations: [
        {
          ExtendedS3DestinationDescription: {
            BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 5 },
            CompressionFormat: 'UNCOMPRESSED',
          },
        },
      ],
    });
    expect(
      codeOf(() =>
        firehose.createDeliveryStream({
          DeliveryStreamName: 'plain',
          ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::access-archive', RoleARN: ROLE },
        }),
      ),
    ).toBe('ResourceInUseException');
  });
});
