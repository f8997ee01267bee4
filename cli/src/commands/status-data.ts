import type { StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { baselineSample, formatBytes, measureDataDir, readUsageSamples } from '../../../engine/src/index.ts';
import type { clientConfig } from '../aws/target.ts';

type Config = ReturnType<typeof clientConfig>;

export interface DriftEntry {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId: string;
}

const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NotFound',
  'NoSuchBucket',
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
]);

/** Tables, queues and buckets the stack records that are not there any more (deleted outside the stack). */
export async function findDrift(
  config: Config,
  resources: readonly StackResourceSummary[],
): Promise<DriftEntry[]> {
  const ddb = new DynamoDBClient(config);
  const sqs = new SQSClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const checks: Record<string, (id: string) => Promise<unknown>> = {
    'AWS::DynamoDB::Table': (id) => ddb.send(new DescribeTableCommand({ TableName: id })),
    'AWS::SQS::Queue': (id) =>
      sqs.send(new GetQueueAttributesCommand({ QueueUrl: id, AttributeNames: ['QueueArn'] })),
    'AWS::S3::Bucket': (id) => s3.send(new HeadBucketCommand({ Bucket: id })),
  };
  try {
    const drifted: DriftEntry[] = [];
    for (const r of resources) {
      const check = r.ResourceType ? checks[r.ResourceType] : undefined;
      if (!check || !r.PhysicalResourceId || !r.ResourceStatus?.endsWith('COMPLETE')) continue;
      try {
        await check(r.PhysicalResourceId);
      } catch (error) {
        if (!NOT_FOUND.has((error as Error).name)) throw error;
        drifted.push({
          logicalId: r.LogicalResourceId ?? '?',
          type: r.ResourceType ?? '?',
          physicalId: r.PhysicalResourceId,
        });
      }
    }
    return drifted;
  } finally {
    ddb.destroy();
    sqs.destroy();
    s3.destroy();
  }
}

export interface DataDirReport {
  readonly path: string;
  readonly totalBytes: number;
  readonly byService: Record<string, number>;
  /** Growth since the baseline sample, with how long ago that was (undefined without samples). */
  readonly growth?: { readonly bytes: number; readonly overMinutes: number };
}

/** The data directory's size by service now, and its growth over the last hour from the engine's samples. */
export function dataDirReport(path: string, now = Date.now()): DataDirReport {
  const byService = measureDataDir(path);
  const totalBytes = Object.values(byService).reduce((a, b) => a + b, 0);
  const base = baselineSample(readUsageSamples(path), now);
  if (!base) return { path, totalBytes, byService };
  const before = Object.values(base.bytes).reduce((a, b) => a + b, 0);
  return {
    path,
    totalBytes,
    byService,
    growth: { bytes: totalBytes - before, overMinutes: Math.round((now - base.at) / 60_000) },
  };
}

export function formatDataDir(report: DataDirReport): string[] {
  const lines = Object.entries(report.byService)
    .sort((a, b) => b[1] - a[1])
    .map(([name, size]) => `  ${name.padEnd(16)} ${formatBytes(size)}`);
  const growth = report.growth
    ? `${report.growth.bytes >= 0 ? '+' : '-'}${formatBytes(Math.abs(report.growth.bytes))} over the last ${report.growth.overMinutes} min`
    : 'growth unknown (no size sample yet: the engine samples every 5 minutes)';
  return [`${formatBytes(report.totalBytes)} in ${report.path}, ${growth}`, ...lines];
}
