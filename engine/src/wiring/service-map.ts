/**
 * The AWS endpoint's service map for one engine: which wire protocol each signing name speaks and
 * which service answers it. Adapters here only translate shapes; behaviour lives in the services.
 */
import type { ServiceMap } from '../protocol/index.ts';
import type { AccountContext } from '../runtime/account.ts';
import {
  type CloudFormationService,
  cloudFormationServiceEntry,
  type StackReader,
} from '../services/cloudformation/index.ts';
import { cloudwatchServiceEntry } from '../services/cloudwatch/index.ts';
import { dynamoDbServiceEntry } from '../services/dynamodb/index.ts';
import { eventsServiceEntry } from '../services/events/index.ts';
import { firehoseServiceEntry } from '../services/firehose/index.ts';
import { httpApiServiceEntry } from '../services/http-api/index.ts';
import { iamServiceEntry } from '../services/iam/index.ts';
import { lambdaServiceEntry } from '../services/lambda/operation-table.ts';
import { logsServiceEntry } from '../services/logs/index.ts';
import { s3ServiceEntry } from '../services/s3/index.ts';
import { snsServiceEntry } from '../services/sns/index.ts';
import { sqsServiceEntry } from '../services/sqs/index.ts';
import { stsServiceEntry } from '../services/sts/index.ts';
import type { EngineServices } from './engine-services.ts';
import { lambdaApiOf } from './lambda-api.ts';

export function buildServiceMap(
  services: EngineServices,
  reader: StackReader,
  account: AccountContext,
  cloudFormationApi?: CloudFormationService,
  onInternalError?: (error: unknown, requestId: string) => void,
): ServiceMap {
  return {
    dynamodb: dynamoDbServiceEntry((operation, input) => services.dynamodb.runParsed(operation, input)),
    lambda: lambdaServiceEntry(lambdaApiOf(services.lambda), account),
    cloudformation: cloudFormationServiceEntry(reader, cloudFormationApi),
    sts: stsServiceEntry(account),
    s3: s3ServiceEntry(services.s3, onInternalError ? { onInternalError } : {}),
    sqs: sqsServiceEntry(services.sqs),
    firehose: firehoseServiceEntry(services.firehose),
    logs: logsServiceEntry(services.logs),
    monitoring: cloudwatchServiceEntry(services.cloudwatch),
    events: eventsServiceEntry(services.events),
    sns: snsServiceEntry(services.sns),
    iam: iamServiceEntry(services.iam),
    apigateway: httpApiServiceEntry(services.httpApi),
  };
}
