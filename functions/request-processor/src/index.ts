/**
 * Request processor: stores every HTTP API request (payload format 2.0) and every daily scheduled
 * event in DynamoDB, bodies too large for an item in S3. This file only turns events into domain
 * calls and responses; the rules live beside it.
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
 *
 * Bundled to CommonJS with `@aws-sdk/*` external (the nodejs22.x runtime provides it) and inlined
 * in the template, so it must stay small and start fast.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, ScheduledEvent } from 'aws-lambda';
import { DYNAMODB_HTTP, DYNAMODB_MAX_ATTEMPTS, S3_HTTP, S3_MAX_ATTEMPTS } from './client-options.ts';
import { readConfig } from './config.ts';
import { describeEvent, isApiEvent, isScheduledEvent } from './events.ts';
import { recordFromApiEvent, recordFromScheduledEvent } from './request-record.ts';
import { errorFacts, failureResponse, invalidJsonResponse, processedResponse } from './responses.ts';
import { lazyArchive } from './s3-archive.ts';
import { planStorage } from './storage-plan.ts';
import { type StoreOutcome, type Stores, storePlan } from './store.ts';

const config = readConfig(process.env);

// Created once per execution environment: the DynamoDB client at cold start, the S3 client on the
// first oversized body. Region, credentials and AWS_ENDPOINT_URL come from the environment. Few
// attempts and short socket timeouts keep a slow dependency inside API Gateway's 30 s timeout.
const localEndpoint = Boolean(process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3);
const archive = lazyArchive({
  maxAttempts: S3_MAX_ATTEMPTS,
  // A local endpoint (127.0.0.1:4566) has no per-bucket DNS names.
  forcePathStyle: localEndpoint,
  requestHandler: S3_HTTP,
});
const stores: Stores = {
  tableName: config.tableName,
  dynamo: new DynamoDBClient({
    maxAttempts: DYNAMODB_MAX_ATTEMPTS,
    requestHandler: DYNAMODB_HTTP,
  }),
  putArchive: archive.put,
  removeArchive: archive.remove,
};

/** What a scheduled invocation returns (visible in the Invoke response and destinations). */
export interface ScheduledSummary {
  readonly status: StoreOutcome;
  readonly requestId: string;
  readonly timestamp: string;
}

/**
 * One structured line per failure; the requestId ties it to the item and the access log. A single
 * object argument is kept as a nested object in the `message` field under LogFormat JSON (the
 * runtime only `util.format`s when there are several arguments).
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html
 */
function logFailure(message: string, requestId: string, error: unknown): void {
  const { name, message: errorMessage, code } = errorFacts(error);
  console.error({ message, requestId, errorName: name, errorMessage, errorCode: code });
}

async function handleApi(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const requestId = event.requestContext.requestId;
  try {
    const result = recordFromApiEvent(event, config.retentionDays);
    if (result.kind === 'invalid-json') {
      console.warn({ message: 'Rejected request', requestId, errorName: 'InvalidJson' });
      return invalidJsonResponse(requestId);
    }
    const { record } = result;
    await storePlan(stores, planStorage(record, config.bucketName, config.bodyPrefix));
    return processedResponse(record.requestId, record.timestamp);
  } catch (error) {
    logFailure('Request processing failed', requestId, error);
    return failureResponse(error, requestId);
  }
}

async function handleScheduled(event: ScheduledEvent<unknown>): Promise<ScheduledSummary> {
  try {
    const record = recordFromScheduledEvent(event, config.retentionDays);
    const status = await storePlan(stores, planStorage(record, config.bucketName, config.bodyPrefix));
    return { status, requestId: record.requestId, timestamp: record.timestamp };
  } catch (error) {
    logFailure('Scheduled event processing failed', event.id, error);
    // Rethrow: a failed asynchronous invocation is retried by Lambda, then sent to the DLQ.
    throw error;
  }
}

/**
 * Lambda entry point (`index.handler`). API events always get a response (200, 400, 500 or 503);
 * scheduled events throw on failure; any other event shape throws.
 */
export async function handler(event: unknown): Promise<APIGatewayProxyStructuredResultV2 | ScheduledSummary> {
  if (isApiEvent(event)) return handleApi(event);
  if (isScheduledEvent(event)) return handleScheduled(event);
  throw new TypeError(
    `Unsupported event: expected an HTTP API 2.0 or a scheduled event, got ${describeEvent(event)}`,
  );
}
