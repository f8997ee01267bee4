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
import { apiProvider, integrationProvider, routeProvider, stageProvider } from './aws-apigatewayv2.ts';
import { alarmProvider } from './aws-cloudwatch-alarm.ts';
import { dynamoDbTableProvider } from './aws-dynamodb-table.ts';
import { eventsRuleProvider } from './aws-events-rule.ts';
import { iamPolicyProvider, iamRoleProvider } from './aws-iam-role.ts';
import { deliveryStreamProvider } from './aws-kinesisfirehose-deliverystream.ts';
import { eventInvokeConfigProvider } from './aws-lambda-event-invoke-config.ts';
import { lambdaFunctionProvider } from './aws-lambda-function.ts';
import { lambdaPermissionProvider } from './aws-lambda-permission.ts';
import { logGroupProvider } from './aws-logs-log-group.ts';
import { subscriptionFilterProvider } from './aws-logs-subscription-filter.ts';
import { s3BucketPolicyProvider, s3BucketProvider } from './aws-s3-bucket.ts';
import { snsSubscriptionProvider, snsTopicPolicyProvider, snsTopicProvider } from './aws-sns-topic.ts';
import { sqsQueuePolicyProvider, sqsQueueProvider } from './aws-sqs-queue.ts';
import { createRegistry, type ProviderRegistry } from './registry.ts';

/**
 * The services the providers deploy into: every service of an engine. Declared here, below
 * wiring/ (whose EngineServices is this type), so that the providers do not depend on the layer
 * that assembles the engine.
 */
export interface ProvidedServices {
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

/** Every resource type the local cloud deploys, in one explicit list. */
export function allProviders(services: ProvidedServices): ProviderRegistry {
  return createRegistry([
    iamRoleProvider(services.iam),
    iamPolicyProvider(services.iam),
    logGroupProvider(services.logs),
    subscriptionFilterProvider(services.logs),
    dynamoDbTableProvider(services.dynamodb),
    sqsQueueProvider(services.sqs),
    sqsQueuePolicyProvider(services.sqs),
    s3BucketProvider(services.s3),
    s3BucketPolicyProvider(services.s3),
    deliveryStreamProvider(services.firehose),
    lambdaFunctionProvider(services.lambda),
    lambdaPermissionProvider(services.lambda),
    eventInvokeConfigProvider(services.lambda),
    apiProvider(services.httpApi),
    integrationProvider(services.httpApi),
    routeProvider(services.httpApi),
    stageProvider(services.httpApi),
    eventsRuleProvider(services.events),
    snsTopicProvider(services.sns),
    snsTopicPolicyProvider(services.sns),
    snsSubscriptionProvider(services.sns),
    alarmProvider(services.cloudwatch),
  ]);
}
