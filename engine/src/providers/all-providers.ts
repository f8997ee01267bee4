import type { EngineServices } from '../wiring/engine-services.ts';
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

/** Every resource type the local cloud deploys, in one explicit list. */
export function allProviders(services: EngineServices): ProviderRegistry {
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
