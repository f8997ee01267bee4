/**
 * The AWS endpoint's service map for one engine: which wire protocol each signing name speaks and
 * which service answers it. Adapters here only translate shapes; behaviour lives in the services.
 */
import type { RawRequestView, ServiceMap } from '../protocol/index.ts';
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
import { lambdaService } from '../services/lambda/operation-table.ts';
import { logsServiceEntry } from '../services/logs/index.ts';
import { createS3Cors, createS3HttpHandler } from '../services/s3/index.ts';
import { snsServiceEntry } from '../services/sns/index.ts';
import { sqsServiceEntry } from '../services/sqs/index.ts';
import { stsServiceEntry } from '../services/sts/index.ts';
import type { EngineServices } from './engine-services.ts';
import { lambdaApiOf } from './lambda-api.ts';
import { s3CopyTargets } from './s3-copy-authorization.ts';

/** A key with broken percent-encoding stays raw here: the S3 handler answers it with a 400, not a 500. */
function decodeKey(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** S3 REST: the IAM action and resource a path-style request names (for role callers). */
function s3AuthorizationTarget(req: RawRequestView) {
  const url = new URL(req.url, 'http://local');
  const [bucket = '', ...rest] = url.pathname.replace(/^\//, '').split('/');
  const key = decodeKey(rest.join('/'));
  if (!bucket) return { action: 's3:ListAllMyBuckets', resource: '*' };
  const method = req.method.toUpperCase();
  if (!key) {
    const action =
      method === 'GET'
        ? 's3:ListBucket'
        : method === 'PUT'
          ? 's3:CreateBucket'
          : method === 'DELETE'
            ? 's3:DeleteBucket'
            : 's3:ListBucket';
    return { action, resource: `arn:aws:s3:::${bucket}` };
  }
  const copySource = req.headers['x-amz-copy-source'];
  if (method === 'PUT' && typeof copySource === 'string') return s3CopyTargets(bucket, key, copySource);
  const action =
    method === 'PUT' || method === 'POST'
      ? 's3:PutObject'
      : method === 'DELETE'
        ? 's3:DeleteObject'
        : 's3:GetObject';
  return { action, resource: `arn:aws:s3:::${bucket}/${key}` };
}

export function buildServiceMap(
  services: EngineServices,
  reader: StackReader,
  account: AccountContext,
  cloudFormationApi?: CloudFormationService,
  onInternalError?: (error: unknown, requestId: string) => void,
): ServiceMap {
  const s3Handler = createS3HttpHandler(services.s3, onInternalError ? { onInternalError } : {});
  return {
    dynamodb: dynamoDbServiceEntry((operation, input) => services.dynamodb.runParsed(operation, input)),
    lambda: lambdaService(lambdaApiOf(services.lambda), account),
    cloudformation: cloudFormationServiceEntry(reader, cloudFormationApi),
    sts: stsServiceEntry(account),
    s3: {
      kind: 'raw',
      handler: (req, res) => void s3Handler(req, res),
      errorFormat: { protocol: 'rest-xml' },
      // Unsigned requests that name no other service are S3's, answered in S3's XML.
      catchAll: true,
      authorizationTarget: s3AuthorizationTarget,
      cors: createS3Cors(services.s3),
    },
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
