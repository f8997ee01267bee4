import type { AccountContext } from '../runtime/account.ts';
import type { Clock } from '../runtime/clock.ts';
import type { WriteGate } from '../runtime/held-writes.ts';
import { CloudWatchService } from '../services/cloudwatch/index.ts';
import { DynamoDbService } from '../services/dynamodb/index.ts';
import { FirehoseService } from '../services/firehose/index.ts';
import { IamService } from '../services/iam/index.ts';
import { LogsService } from '../services/logs/index.ts';
import { S3Service } from '../services/s3/index.ts';
import { SnsService } from '../services/sns/index.ts';
import { SqsService } from '../services/sqs/index.ts';
import { bucketPolicyEvaluator } from './bucket-policy.ts';
import type { EngineServices } from './engine-services.ts';
import { logsToFirehose } from './logs-to-firehose.ts';
import type { StartedParts } from './started-parts.ts';

/** What every service of one engine is built with. */
export interface EngineSettings {
  readonly account: AccountContext;
  readonly clock: Clock;
  /** Background problems (failed deliveries, failed sweeps). */
  readonly warn: (message: string) => void;
  /** The service's folder in the data directory (created on first use). */
  readonly dir: (name: string) => string;
  /** Log retention and S3 lifecycle periods last 1/N of what the template declares. */
  readonly retentionScale?: number;
  /** Under the disk's hard floor, background writes (log flushes, deliveries, state saves) wait. */
  readonly writeGate: WriteGate;
}

export type DataServices = Pick<
  EngineServices,
  'iam' | 'dynamodb' | 'sns' | 'cloudwatch' | 's3' | 'sqs' | 'firehose' | 'logs'
>;

/**
 * Builds the services that keep data. Only DynamoDB holds something open once built (its store,
 * registered in `parts`); the others read their state and start no work until
 * startDataServices, so a start refused by the state check leaves their files as they were.
 * SQS reads the endpoint's URL (for queue URLs) when it answers a request.
 */
export async function openDataServices(
  { account, clock, warn, dir, retentionScale, writeGate }: EngineSettings,
  endpointUrl: () => string,
  parts: StartedParts,
): Promise<DataServices> {
  const iam = new IamService({ dataDir: dir('iam'), account, clock });
  const dynamodb = await DynamoDbService.open({
    dataDir: dir('dynamodb'),
    clock,
    account,
    onBackgroundError: (e) => warn(`DynamoDB background work failed: ${String(e)}`),
  });
  parts.started('DynamoDB', () => dynamodb.close());
  const sns: SnsService = new SnsService({
    dataDir: dir('sns'),
    clock,
    account,
    sendToQueue: async (queueArn, body) => {
      sqs.sendMessageToArn(queueArn, { MessageBody: body });
    },
  });
  const cloudwatch = new CloudWatchService({
    dataDir: dir('cloudwatch'),
    clock,
    account,
    publish: async (topicArn, subject, message) => {
      await sns.publish({ topicArn, subject, message });
    },
    writeGate,
  });
  const s3 = new S3Service({
    dataDir: dir('s3'),
    clock,
    account,
    evaluateBucketPolicy: bucketPolicyEvaluator,
    ...(retentionScale ? { retentionScale } : {}),
  });
  const sqs: SqsService = new SqsService({
    dataDir: dir('sqs'),
    clock,
    account,
    endpointUrl,
    metrics: cloudwatch,
  });
  const firehose = new FirehoseService({ dataDir: dir('firehose'), clock, account, s3, writeGate });
  const logs = new LogsService({
    dataDir: dir('logs'),
    clock,
    account,
    deliver: logsToFirehose(firehose),
    ...(retentionScale ? { retentionScale } : {}),
    onDeliveryError: (arn, error) =>
      warn(`log subscription delivery to ${arn} failed: ${(error as Error).message}`),
    writeGate,
  });
  return { iam, dynamodb, sns, cloudwatch, s3, sqs, firehose, logs };
}

/**
 * Starts the data services' work (retention and lifecycle sweeps, buffered deliveries, alarm
 * evaluation), registering each one's stop in `parts` as it starts.
 */
export async function startDataServices(
  { logs, s3, sqs, firehose, cloudwatch }: DataServices,
  parts: StartedParts,
): Promise<void> {
  // Registered before an async start, so a start that fails half-way is stopped too.
  parts.started('Logs', () => logs.close());
  await logs.start();
  s3.start();
  parts.started('S3', () => s3.stop());
  sqs.start();
  parts.started('SQS', () => sqs.stop());
  firehose.start();
  parts.started('Firehose', () => firehose.stop());
  cloudwatch.start();
  parts.started('CloudWatch', () => cloudwatch.close());
}
