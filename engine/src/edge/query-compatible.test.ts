import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineOperation } from '../protocol/operation.ts';
import { AwsError } from '../runtime/aws-error.ts';
import { AwsEndpoint } from './aws-endpoint.ts';

let endpoint: AwsEndpoint;
let url: string;

beforeAll(async () => {
  endpoint = new AwsEndpoint({
    port: 0,
    services: {
      sqs: {
        kind: 'json',
        iamPrefix: 'sqs',
        protocol: {
          version: '1.0',
          targetPrefixes: ['AmazonSQS'],
          errorNamespace: 'com.amazonaws.sqs',
          queryCompatibleCodes: { QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue' },
        },
        operations: {
          GetQueueUrl: defineOperation({
            input: { QueueName: { type: 'string', required: true } },
            handle: (input) => {
              if (input.QueueName !== 'known') {
                throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.', 400);
              }
              return { QueueUrl: `${url}/000000000000/known` };
            },
          }),
        },
      },
    },
  });
  url = (await endpoint.start()).url;
});
afterAll(async () => endpoint.close());

describe('an awsJson1_0 service that is awsQueryCompatible (SQS SDK v3)', () => {
  it('answers a JSON operation the SQS client parses', async () => {
    // Prepare
    const sqs = new SQSClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    // Act
    const out = await sqs.send(new GetQueueUrlCommand({ QueueName: 'known' }));
    // Assess
    expect(out.QueueUrl).toBe(`${url}/000000000000/known`);
  });

  it('gives the SDK the modeled error and its legacy query code', async () => {
    // Prepare
    const sqs = new SQSClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
      maxAttempts: 1,
    });
    // Act
    const error = await sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' })).then(
      () => undefined,
      (e: { name: string; message: string; Code?: string }) => e,
    );
    // Assess
    expect(error?.name).toBe('QueueDoesNotExist');
    expect(error?.message).toBe('The specified queue does not exist.');
    expect(error?.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
  });
});
