/**
 * Domain rules: what is stored for an API request or a scheduled event. Pure functions of the
 * event and the settings (no SDK, no clock), so a retried invocation yields the same item.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import type { APIGatewayProxyEventV2, ScheduledEvent } from 'aws-lambda';
import { type DecodedBody, decodeBody, isJsonContentType, isValidJsonBody } from './body.ts';
import type { Item } from './item.ts';
import { redactCookies, redactHeaders } from './redact.ts';
import { timeShardOf } from './time-shard.ts';
import { expiresAtSeconds, isoFromEpochMs, normalizeIso } from './timestamps.ts';

/** A request ready to store: its item (body inline, if any) and the raw body for S3 offload. */
export interface RequestRecord {
  readonly requestId: string;
  readonly timestamp: string;
  readonly item: Item;
  readonly body: DecodedBody | undefined;
  readonly contentType: string | undefined;
}

/** The outcome of reading an API event: a record, or a client error that stores nothing. */
export type ApiRecordResult =
  | { readonly kind: 'record'; readonly record: RequestRecord }
  | { readonly kind: 'invalid-json'; readonly requestId: string };

export const API_SOURCE = 'API Gateway';
export const SCHEDULED_SOURCE = 'EventBridge Scheduled Event';

function keyAttributes(requestId: string, epochMs: number, retentionDays: number) {
  const timestamp = isoFromEpochMs(epochMs);
  return {
    timestamp,
    attributes: {
      RequestId: requestId,
      Timestamp: timestamp,
      TimeShard: timeShardOf(requestId, timestamp),
      ExpiresAt: expiresAtSeconds(epochMs, retentionDays),
    },
  };
}

function bodyAttributes(body: DecodedBody | undefined): Item {
  if (body === undefined) return { BodySize: 0 };
  return { Body: body.stored, BodyEncoding: body.encoding, BodySize: body.bytes.length };
}

/**
 * Builds the item for an HTTP API request. Timestamp comes from `requestContext.timeEpoch` and
 * RequestId from `requestContext.requestId`, so the item correlates with the access-log line.
 */
export function recordFromApiEvent(event: APIGatewayProxyEventV2, retentionDays: number): ApiRecordResult {
  const context = event.requestContext;
  const requestId = context.requestId;
  const headers = event.headers ?? {};
  const contentType = headers['content-type'];
  const body = decodeBody(event.body, event.isBase64Encoded === true);
  if (body !== undefined && isJsonContentType(contentType) && !isValidJsonBody(body)) {
    return { kind: 'invalid-json', requestId };
  }
  const { timestamp, attributes } = keyAttributes(requestId, context.timeEpoch, retentionDays);
  const item: Item = {
    ...attributes,
    Source: API_SOURCE,
    Method: context.http.method,
    Path: event.rawPath ?? context.http.path,
    QueryString: event.rawQueryString ?? '',
    SourceIp: context.http.sourceIp,
    UserAgent: context.http.userAgent ?? '',
    Headers: redactHeaders(headers),
    ...bodyAttributes(body),
  };
  if (contentType !== undefined) item.ContentType = contentType;
  if (event.cookies !== undefined && event.cookies.length > 0) item.Cookies = redactCookies(event.cookies);
  return { kind: 'record', record: { requestId, timestamp, item, body, contentType } };
}

/** Builds the item for an EventBridge scheduled event: the whole event is the body. */
export function recordFromScheduledEvent(
  event: ScheduledEvent<unknown>,
  retentionDays: number,
): RequestRecord {
  const epochMs = Date.parse(normalizeIso(event.time));
  const { timestamp, attributes } = keyAttributes(event.id, epochMs, retentionDays);
  const contentType = 'application/json';
  const body = decodeBody(JSON.stringify(event), false);
  const item: Item = {
    ...attributes,
    Source: SCHEDULED_SOURCE,
    Method: 'SCHEDULED',
    Path: '/scheduled',
    ContentType: contentType,
    ...bodyAttributes(body),
  };
  return { requestId: event.id, timestamp, item, body, contentType };
}
