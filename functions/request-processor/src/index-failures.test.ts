import { describe, expect, it, vi } from 'vitest';
import { closedEndpoint, startFailingDynamo } from './backends.fixture.ts';
import { asHttp, coldStart, useBackends } from './cold-start.fixture.ts';
import { apiEvent, scheduledEvent } from './events.fixture.ts';

const backends = useBackends();

const T0 = Date.UTC(2026, 10, 25, 20, 31, 7, 123);

describe('request processor handler when the table is missing', () => {
  it('answers 500 without leaking details when the table does not exist', async () => {
    // Prepare
    const handler = await coldStart(
      { dynamo: backends.dynamo.endpoint, s3: backends.s3.endpoint },
      { DYNAMODB_TABLE_NAME: 'missing' },
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const event = apiEvent({ timeEpoch: T0 });
    const requestId = event.requestContext.requestId;

    // Act
    const result = asHttp(await handler(event));

    // Assess
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({
      error: 'InternalError',
      message: 'Internal server error',
      requestId,
    });
    expect(logged).toHaveBeenCalledTimes(1);
    // One argument: under LogFormat JSON the object becomes the line's structured `message`.
    expect(logged.mock.calls[0]).toHaveLength(1);
    expect(logged.mock.calls[0]?.[0]).toMatchObject({ requestId, errorName: 'ResourceNotFoundException' });
  });
});

describe('request processor handler when DynamoDB is unavailable', () => {
  it('answers 503 with retry-after when nothing listens at the endpoint, logging one line', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: await closedEndpoint() });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const event = apiEvent({ method: 'POST', body: 'hello', timeEpoch: T0 });
    const requestId = event.requestContext.requestId;

    // Act
    const result = asHttp(await handler(event));

    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.headers['retry-after']).toBe('1');
    const body = JSON.parse(result.body);
    expect(body).toMatchObject({ error: 'ServiceUnavailable', requestId });
    expect(result.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]?.[0]).toMatchObject({ requestId });
  });

  it('answers 503 when DynamoDB keeps throttling', async () => {
    // Prepare
    const throttling = await startFailingDynamo('ProvisionedThroughputExceededException');
    const handler = await coldStart({ dynamo: throttling.endpoint });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const event = apiEvent({ timeEpoch: T0 });

    // Act
    const result = asHttp(await handler(event));
    await throttling.stop();

    // Assess
    expect(result.statusCode).toBe(503);
    expect(logged.mock.calls[0]?.[0]).toMatchObject({
      errorName: 'ProvisionedThroughputExceededException',
    });
  });

  it('takes an archived body back off S3 when its item cannot be written, so nothing is half-written', async () => {
    // Prepare
    const throttling = await startFailingDynamo('ProvisionedThroughputExceededException');
    const handler = await coldStart({ dynamo: throttling.endpoint, s3: backends.s3.endpoint });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const event = apiEvent({
      method: 'POST',
      timeEpoch: T0,
      body: 'x'.repeat(400_000),
      headers: { 'content-type': 'text/plain' },
    });
    const before = backends.s3.received.length;

    // Act
    const result = asHttp(await handler(event));
    await throttling.stop();

    // Assess
    expect(result.statusCode).toBe(503);
    const calls = backends.s3.received.slice(before);
    expect(calls.map((c) => c.method)).toEqual(['PUT', 'DELETE']);
    expect(calls[1]?.path).toBe(calls[0]?.path);
    expect(calls[0]?.path).toMatch(/\/request-bodies\/\d{4}\/\d{2}\/\d{2}\//);
  });

  it('throws for a scheduled event so that Lambda retries it and the DLQ engages', async () => {
    // Prepare
    const handler = await coldStart({ dynamo: await closedEndpoint() });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const event = scheduledEvent();

    // Act
    const invocation = handler(event);

    // Assess
    await expect(invocation).rejects.toThrow();
    expect(logged.mock.calls[0]?.[0]).toMatchObject({ requestId: event.id });
  });
});
