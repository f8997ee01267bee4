import type { CloudWatchService } from '../services/cloudwatch/index.ts';
import type { DynamoDbService } from '../services/dynamodb/index.ts';
import type { EventsService } from '../services/events/index.ts';
import type { FirehoseService } from '../services/firehose/index.ts';
import type { HttpApiService } from '../services/http-api/index.ts';
import type { IamService } from '../services/iam/index.ts';
import type { LambdaService } from '../services/lambda/index.ts';
import type { LogsService } from '../services/logs/index.ts';
import type { S3Service } from '../services/s3/index.ts';
import type { SnsService } from '../services/sns/index.ts';
import type { SqsService } from '../services/sqs/index.ts';

/** Every service of one engine instance; built once in engine.ts, never global. */
export interface EngineServices {
  readonly iam: IamService;
  readonly logs: LogsService;
  readonly cloudwatch: CloudWatchService;
  readonly sns: SnsService;
  readonly dynamodb: DynamoDbService;
  readonly s3: S3Service;
  readonly sqs: SqsService;
  readonly firehose: FirehoseService;
  readonly lambda: LambdaService;
  readonly httpApi: HttpApiService;
  readonly events: EventsService;
}
