import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CREDENTIALS, TEST_REGION } from './backends.fixture.ts';
import { DYNAMODB_HTTP } from './client-options.ts';
import { isTransient } from './responses.ts';

// A server that accepts connections and never answers: a hung dependency.
const silent = createServer(() => {});
let endpoint: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});

afterAll(async () => {
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

describe('DynamoDB client HTTP options', () => {
  it('turn a request that never gets an answer into a transient TimeoutError', async () => {
    // Prepare: the production options with a shorter timeout, so the test stays quick.
    const client = new DynamoDBClient({
      endpoint,
      region: TEST_REGION,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
      requestHandler: { ...DYNAMODB_HTTP, requestTimeout: 200 },
    });

    // Act
    const outcome = await client
      .send(new PutItemCommand({ TableName: 't', Item: { RequestId: { S: 'r' } } }))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    client.destroy();

    // Assess
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).name).toBe('TimeoutError');
    expect(isTransient(outcome)).toBe(true);
  });
});
