/**
 * A failure of the engine itself under a DynamoDB request (storage, a bug) is answered as DynamoDB
 * answers its own: 500 `InternalServerError`, which the SDKs retry, with no exception text; the
 * failure reaches the engine's log with the request id.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
import { afterEach, expect, it } from 'vitest';
import { dynamoDbServiceEntry } from '../services/dynamodb/index.ts';
import { AwsEndpoint } from './aws-endpoint.ts';
import { fakeAuth } from './endpoint.fixture.ts';

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

it('answers InternalServerError without the failure text and logs the failure with the request id', async () => {
  const logged: Array<{ error: unknown; requestId: string }> = [];
  const failure = new Error('EIO: i/o error, write /home/dev/.tapstack/dynamodb/000042.log');
  endpoint = new AwsEndpoint({
    port: 0,
    services: { dynamodb: dynamoDbServiceEntry(() => Promise.reject(failure)) },
    onInternalError: (error, requestId) => logged.push({ error, requestId }),
  });
  const { url } = await endpoint.start();

  const response = await fetch(url, {
    method: 'POST',
    headers: {
      ...fakeAuth('dynamodb'),
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.PutItem',
    },
    body: JSON.stringify({ TableName: 'requests', Item: { id: { S: 'a' } } }),
  });
  const text = await response.text();

  expect(response.status).toBe(500);
  expect(JSON.parse(text)).toEqual({
    __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
    message: 'Internal server error',
  });
  expect(text).not.toMatch(/EIO|tapstack|000042/);
  expect(logged).toHaveLength(1);
  expect(logged[0]?.error).toBe(failure);
  expect(logged[0]?.requestId).toBe(response.headers.get('x-amzn-requestid'));
});
