/**
 * The AWS endpoint's service map for one engine: which wire protocol each signing name speaks and
 * which service answers it. Adapters here only translate shapes; behaviour lives in the services.
 */
import type { RawRequestView, ServiceMap } from '../edge/index.ts';
import { dynamodbRawEntry, lambdaService, stsService } from '../edge/index.ts';
import type { Operation, OperationTable, RequestContext } from '../protocol/operation.ts';
import type { AccountContext } from '../runtime/account.ts';
import {
  type CloudFormationApi,
  cloudFormationService,
  type StackReader,
} from '../services/cloudformation/index.ts';
import { cloudwatchWireService } from '../services/cloudwatch/wire.ts';
import { eventsWireService } from '../services/events/wire.ts';
import { firehoseOperations } from '../services/firehose/dispatch.ts';
import { apiGatewayV2WireService } from '../services/http-api/read-api/wire.ts';
import { iamWireService } from '../services/iam/wire.ts';
import { logsWireService } from '../services/logs/wire.ts';
import { createS3Cors, createS3HttpHandler } from '../services/s3/index.ts';
import { snsWireService } from '../services/sns/wire.ts';
import { SQS_QUERY_ERROR_CODES, sqsOperations } from '../services/sqs/index.ts';
import type { EngineServices } from './engine-services.ts';
import { lambdaApiOf } from './lambda-api.ts';
import { s3CopyTargets } from './s3-copy-authorization.ts';

/**
 * Services that validate their own input (SQS, Firehose) plug into the JSON protocol with a
 * pass-through operation: the edge still authorizes role callers against `<prefix>:<Operation>`.
 */
function passThrough<C>(
  operations: Readonly<Record<string, (input: unknown, ctx: C) => Promise<unknown>>>,
  context: (request: RequestContext) => C,
  resource: (input: Record<string, unknown>, request: RequestContext) => string,
): OperationTable {
  const table: Record<string, Operation> = {};
  for (const [name, run] of Object.entries(operations)) {
    const execute = (input: Record<string, unknown>, request: RequestContext) => run(input, context(request));
    table[name] = {
      input: {},
      resource,
      validate: (raw) => (typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}),
      execute,
      run: (raw, request) => execute((raw ?? {}) as Record<string, unknown>, request),
    };
  }
  return table;
}

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
  cloudFormationApi?: CloudFormationApi,
): ServiceMap {
  const s3Handler = createS3HttpHandler(services.s3);
  const queueArnOf = (input: Record<string, unknown>, request: RequestContext): string => {
    const url = typeof input.QueueUrl === 'string' ? input.QueueUrl : '';
    const name = url ? url.slice(url.lastIndexOf('/') + 1) : String(input.QueueName ?? '*');
    return `arn:aws:sqs:${request.region}:${request.accountId}:${name}`;
  };
  return {
    dynamodb: dynamodbRawEntry(services.dynamodb.handle),
    lambda: lambdaService(lambdaApiOf(services.lambda), account),
    cloudformation: cloudFormationService(reader, cloudFormationApi),
    sts: stsService(account),
    s3: {
      kind: 'raw',
      handler: (req, res) => void s3Handler(req, res),
      errorFormat: { protocol: 'rest-xml' },
      // Unsigned requests that name no other service are S3's, answered in S3's XML.
      catchAll: true,
      authorizationTarget: s3AuthorizationTarget,
      streamsBody: true,
      cors: createS3Cors(services.s3),
    },
    sqs: {
      kind: 'json',
      iamPrefix: 'sqs',
      protocol: {
        version: '1.0',
        targetPrefixes: ['AmazonSQS'],
        errorNamespace: 'com.amazonaws.sqs',
        queryCompatibleCodes: SQS_QUERY_ERROR_CODES,
      },
      operations: passThrough(
        sqsOperations,
        (request) => ({ sqs: services.sqs, senderId: request.caller.roleArn ?? request.accountId }),
        queueArnOf,
      ),
    },
    firehose: {
      kind: 'json',
      iamPrefix: 'firehose',
      protocol: {
        version: '1.1',
        targetPrefixes: ['Firehose_20150804'],
        errorNamespace: 'com.amazonaws.firehose',
      },
      operations: passThrough(
        firehoseOperations,
        () => ({ firehose: services.firehose }),
        (input, request) =>
          `arn:aws:firehose:${request.region}:${request.accountId}:deliverystream/${String(input.DeliveryStreamName ?? '*')}`,
      ),
    },
    logs: logsWireService(services.logs),
    monitoring: cloudwatchWireService(services.cloudwatch),
    events: eventsWireService(services.events),
    sns: snsWireService(services.sns),
    iam: iamWireService(services.iam),
    apigateway: apiGatewayV2WireService(services.httpApi),
  };
}
