import type { StackProps } from 'aws-cdk-lib';
import { CfnOutput, Fn, Stack, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AccessLogArchive } from './constructs/access-log-archive.ts';
import { Alarms } from './constructs/alarms.ts';
import { DailySchedule } from './constructs/daily-schedule.ts';
import { DeadLetterQueue } from './constructs/dead-letter-queue.ts';
import { RequestApi } from './constructs/request-api.ts';
import { RequestProcessor } from './constructs/request-processor.ts';
import { RequestTable } from './constructs/request-table.ts';
import { declareStackParameters } from './stack-parameters.ts';

/** Stack inputs besides the usual CDK ones. */
export interface TapStackProps extends StackProps {
  /** Bundled source of the request-processor function (see `bundleFunction`). */
  readonly functionCode: string;
}

/**
 * The request-capture service: HTTP API -> Lambda -> DynamoDB, bodies and access logs archived to
 * S3, a daily scheduled invocation, a dead-letter queue and alarms. It only composes constructs;
 * the logical IDs, outputs and export names of the seed template are kept.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
 */
export class TapStack extends Stack {
  readonly table: RequestTable;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly archive: AccessLogArchive;
  readonly processor: RequestProcessor;
  readonly api: RequestApi;
  readonly schedule: DailySchedule;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: TapStackProps) {
    super(scope, id, props);
    const params = declareStackParameters(this);
    Tags.of(this).add('Environment', params.environmentSuffix.valueAsString, {
      excludeResourceTypes: ['aws:cdk:stack'],
    });

    this.table = new RequestTable(this, 'RequestTable');
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue');
    this.archive = new AccessLogArchive(this, 'AccessLogArchive', {
      archiveRetentionDays: params.archiveRetentionDays.valueAsNumber,
      accessLogRetentionDays: params.accessLogRetentionDays.valueAsNumber,
    });
    this.processor = new RequestProcessor(this, 'RequestProcessor', {
      code: props.functionCode,
      tableName: this.table.tableName,
      tableArn: this.table.tableArn,
      bucketName: this.archive.bucketName,
      bucketArn: this.archive.bucketArn,
      deadLetterQueueArn: this.deadLetterQueue.queueArn,
      logRetentionDays: params.logRetentionDays.valueAsNumber,
      requestRetentionDays: params.requestRetentionDays.valueAsNumber,
    });
    this.api = new RequestApi(this, 'RequestApi', {
      functionName: this.processor.functionName,
      functionArn: this.processor.functionArn,
      accessLogGroupArn: this.archive.accessLogGroupArn,
      throttlingRateLimit: params.throttlingRateLimit.valueAsNumber,
      throttlingBurstLimit: params.throttlingBurstLimit.valueAsNumber,
    });
    this.schedule = new DailySchedule(this, 'DailySchedule', {
      functionName: this.processor.functionName,
      functionArn: this.processor.functionArn,
      deadLetterQueue: this.deadLetterQueue,
    });
    this.alarms = new Alarms(this, 'Alarms', {
      apiId: this.api.apiId,
      functionName: this.processor.functionName,
      deadLetterQueueName: this.deadLetterQueue.queueName,
      alarmEmail: params.alarmEmail.valueAsString,
      hasAlarmEmail: params.hasAlarmEmail,
    });

    this.output('ApiEndpoint', 'HTTP API Gateway endpoint URL', this.api.apiEndpoint);
    this.output('LambdaFunctionName', 'Name of the Lambda function', this.processor.functionName);
    this.output('LambdaFunctionArn', 'ARN of the Lambda function', this.processor.functionArn);
    this.output('DynamoDBTableName', 'Name of the DynamoDB table', this.table.tableName);
    this.output(
      'S3BucketName',
      'Name of the S3 bucket archiving access logs and request bodies',
      this.archive.bucketName,
    );
    this.output('DeadLetterQueueUrl', 'URL of the Dead Letter Queue', this.deadLetterQueue.queueUrl);
  }

  private output(id: string, description: string, value: string): void {
    new CfnOutput(this, id, { description, value, exportName: Fn.sub(`\${AWS::StackName}-${id}`) });
  }
}
