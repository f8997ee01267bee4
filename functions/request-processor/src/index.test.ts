import { GetItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { asHttp, BUCKET, coldStart, TABLE, useBackends } from './cold-start.fixture.ts';
import { apiEvent, scheduledEvent } from './events.fixture.ts';
import { timeShardOf, timeShardsBetween } from './time-shard.ts';

const backends = useBackends();

async function storedItem(requestId: string, timestamp: string) {
  const { Item } = await backends.dynamo.client.send(
    new GetItemCommand({
      TableName: TABLE,
      Key: { RequestId: { S: requestId }, Timestamp: { S: timestamp } },
      ConsistentRead: true,
    }),
  );
  return Item;
}

async function itemsWithId(requestId: string) {
  const { Items } = await backends.dynamo.client.send(
    new ScanCommand({
      TableName: TABLE,
      FilterExpression: 'RequestId = :id',
      ExpressionAttributeValues: { ':id': { S: requestId } },
    }),
  );
  return Items ?? [];
}

const T0 = Date.UTC(2026, 10, 25, 20, 31, 7, 123);
const T0_ISO = '2026-11-25T20:31:07.123Z';

describe('request processor handler against dynalite', () => {
  it('stores a GET request with every field and answers 200 without CORS headers', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint });
    const event = apiEvent({
      method: 'GET',
      path: '/items/42',
      query: 'a=1&b=two',
      timeEpoch: T0,
      headers: { authorization: 'Bearer secret', 'x-csrf-token': 'abc', 'x-custom': 'kept' },
      cookies: ['sid=s3cr3t', 'theme=dark'],
    });
    const requestId = event.requestContext.requestId;

    // Act
    const result = asHttp(await handler(event));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(result.body)).toEqual({
      message: 'Request processed successfully',
      requestId,
      timestamp: T0_ISO,
    });
    const item = await storedItem(requestId, T0_ISO);
    expect(item?.Source).toEqual({ S: 'API Gateway' });
    expect(item?.Method).toEqual({ S: 'GET' });
    expect(item?.Path).toEqual({ S: '/items/42' });
    expect(item?.QueryString).toEqual({ S: 'a=1&b=two' });
    expect(item?.SourceIp).toEqual({ S: '203.0.113.10' });
    expect(item?.UserAgent).toEqual({ S: 'curl/8.5.0' });
    expect(item?.TimeShard).toEqual({ S: timeShardOf(requestId, T0_ISO) });
    expect(item?.ExpiresAt).toEqual({ N: String(Math.floor(T0 / 1000) + 90 * 86_400) });
    expect(item?.BodySize).toEqual({ N: '0' });
    expect(item?.Body).toBeUndefined();
    expect(item?.BodyEncoding).toBeUndefined();
    const headers = item?.Headers?.M ?? {};
    expect(headers.authorization).toEqual({ S: '[REDACTED]' });
    expect(headers['x-csrf-token']).toEqual({ S: '[REDACTED]' });
    expect(headers.cookie).toEqual({ S: '[REDACTED]' });
    expect(headers['x-custom']).toEqual({ S: 'kept' });
    expect(item?.Cookies).toEqual({ L: [{ S: 'sid=[REDACTED]' }, { S: 'theme=[REDACTED]' }] });
    expect(JSON.stringify(item)).not.toContain('s3cr3t');
  });

  it('stores a JSON POST body as text with its size and content type', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint });
    const body = JSON.stringify({ order: 7, items: ['a', 'b'] });
    const event = apiEvent({
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      timeEpoch: T0,
    });

    // Act
    const result = asHttp(await handler(event));

    // Assess
    expect(result.statusCode).toBe(200);
    const item = await storedItem(event.requestContext.requestId, T0_ISO);
    expect(item?.Body).toEqual({ S: body });
    expect(item?.BodyEncoding).toEqual({ S: 'text' });
    expect(item?.BodySize).toEqual({ N: String(body.length) });
    expect(item?.ContentType).toEqual({ S: 'application/json' });
  });

  it('decodes a base64-encoded UTF-8 body and stores it as text', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint });
    const text = 'name=Zoë&city=Kraków';
    const event = apiEvent({
      method: 'POST',
      bytes: Buffer.from(text, 'utf8'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      timeEpoch: T0,
    });

    // Act
    await handler(event);

    // Assess
    const item = await storedItem(event.requestContext.requestId, T0_ISO);
    expect(item?.Body).toEqual({ S: text });
    expect(item?.BodyEncoding).toEqual({ S: 'text' });
    expect(item?.BodySize).toEqual({ N: String(Buffer.byteLength(text)) });
  });

  it('keeps a binary body as base64 with its byte count', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint });
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]);
    const event = apiEvent({ method: 'PUT', bytes, headers: { 'content-type': 'image/png' }, timeEpoch: T0 });

    // Act
    await handler(event);

    // Assess
    const item = await storedItem(event.requestContext.requestId, T0_ISO);
    expect(item?.BodyEncoding).toEqual({ S: 'base64' });
    expect(Buffer.from(item?.Body?.S ?? '', 'base64')).toEqual(Buffer.from(bytes));
    expect(item?.BodySize).toEqual({ N: '11' });
  });

  it('stores unicode text unchanged and counts its UTF-8 bytes', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint });
    const body = JSON.stringify({ greeting: 'こんにちは 👋', emoji: '🧪' });
    const event = apiEvent({
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      timeEpoch: T0,
    });

    // Act
    await handler(event);

    // Assess
    const item = await storedItem(event.requestContext.requestId, T0_ISO);
    expect(item?.Body).toEqual({ S: body });
    expect(item?.BodySize).toEqual({ N: String(Buffer.byteLength(body, 'utf8')) });
    expect(Number(item?.BodySize?.N)).toBeGreaterThan(body.length);
  });

  it('moves a body too large for an item to S3 and stores a pointer instead', async () => {
    // Prepare
    const handler = await coldStart(
      { dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint },
      { BODY_PREFIX: 'bodies/' },
    );
    const body = 'x'.repeat(500_000);
    const event = apiEvent({
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain' },
      timeEpoch: T0,
    });
    const requestId = event.requestContext.requestId;
    const before = backends.s3.received.length;

    // Act
    const result = asHttp(await handler(event));

    // Assess
    expect(result.statusCode).toBe(200);
    const key = `bodies/2026/11/25/${requestId}`;
    const puts = backends.s3.received.slice(before);
    expect(puts).toHaveLength(1);
    expect(puts[0]?.method).toBe('PUT');
    expect(puts[0]?.path).toBe(`/${BUCKET}/${key}`);
    expect(puts[0]?.headers['content-type']).toBe('text/plain');
    expect(puts[0]?.body.toString('utf8')).toBe(body);
    const item = await storedItem(requestId, T0_ISO);
    expect(item?.Body).toBeUndefined();
    expect(item?.BodyS3Key).toEqual({ S: key });
    expect(item?.BodyS3Bucket).toEqual({ S: BUCKET });
    expect(item?.BodySize).toEqual({ N: '500000' });
  });

  it('rejects malformed JSON with 400 and stores nothing', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint });
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const event = apiEvent({
      method: 'POST',
      body: '{"broken": ',
      headers: { 'content-type': 'application/json' },
      timeEpoch: T0,
    });
    const requestId = event.requestContext.requestId;

    // Act
    const result = asHttp(await handler(event));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toEqual({
      error: 'InvalidJson',
      message: 'Request body is not valid JSON',
      requestId,
    });
    expect(await itemsWithId(requestId)).toEqual([]);
    expect(warned.mock.calls).toEqual([
      [{ message: 'Rejected request', requestId, errorName: 'InvalidJson' }],
    ]);
  });

  it('treats an empty body as no body', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint });
    const event = apiEvent({
      method: 'POST',
      body: '',
      headers: { 'content-type': 'application/json' },
      timeEpoch: T0,
    });

    // Act
    const result = asHttp(await handler(event));

    // Assess
    expect(result.statusCode).toBe(200);
    const item = await storedItem(event.requestContext.requestId, T0_ISO);
    expect(item?.Body).toBeUndefined();
    expect(item?.BodySize).toEqual({ N: '0' });
  });

  it('answers a retried invocation with the same success and keeps the first item', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint });
    const event = apiEvent({ method: 'POST', body: 'first', timeEpoch: T0 });
    const first = asHttp(await handler(event));

    // Act
    const retry = asHttp(await handler({ ...event, body: 'changed on retry' }));

    // Assess
    expect(retry).toEqual(first);
    const items = await itemsWithId(event.requestContext.requestId);
    expect(items).toHaveLength(1);
    expect(items[0]?.Body).toEqual({ S: 'first' });
  });

  it('makes the item findable through the ByTime index for its time range', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint });
    const at = Date.UTC(2026, 0, 2, 23, 59, 59, 999);
    const event = apiEvent({ timeEpoch: at, path: '/indexed' });
    await handler(event);

    // Act
    const found: string[] = [];
    for (const partition of timeShardsBetween('2026-01-02T23:00:00.000Z', '2026-01-03T01:00:00.000Z')) {
      const { Items } = await backends.dynamo.client.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'ByTime',
          KeyConditionExpression: 'TimeShard = :p AND #t BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#t': 'Timestamp' },
          ExpressionAttributeValues: {
            ':p': { S: partition },
            ':from': { S: '2026-01-02T23:00:00.000Z' },
            ':to': { S: '2026-01-03T01:00:00.000Z' },
          },
        }),
      );
      for (const item of Items ?? []) found.push(item.RequestId?.S ?? '');
    }

    // Assess
    expect(found).toEqual([event.requestContext.requestId]);
  });

  it('stores a scheduled event with its id and time, and reports an idempotent retry', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint });
    const event = scheduledEvent({ time: '2026-11-25T03:00:00Z' });

    // Act
    const first = await handler(event);
    const retry = await handler(event);

    // Assess
    const timestamp = '2026-11-25T03:00:00.000Z';
    expect(first).toEqual({ status: 'created', requestId: event.id, timestamp });
    expect(retry).toEqual({ status: 'already-stored', requestId: event.id, timestamp });
    const item = await storedItem(event.id, timestamp);
    expect(item?.Source).toEqual({ S: 'EventBridge Scheduled Event' });
    expect(item?.Method).toEqual({ S: 'SCHEDULED' });
    expect(item?.Path).toEqual({ S: '/scheduled' });
    expect(JSON.parse(item?.Body?.S ?? '')).toEqual(event);
    expect(item?.TimeShard).toEqual({ S: timeShardOf(event.id, timestamp) });
  });

  it('throws on an event shape it does not serve', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint });

    // Act
    const invocation = handler({ Records: [{ eventSource: 'aws:sqs' }] });

    // Assess
    await expect(invocation).rejects.toThrow(/Unsupported event.*Records/);
  });
});
