import { describe, expect, it } from 'vitest';
import type { ServiceMap } from '../protocol/service-entry.ts';
import { resolveService } from './resolve-service.ts';

const handler = (): void => {};
const services: ServiceMap = {
  dynamodb: {
    kind: 'raw',
    handler,
    errorFormat: { protocol: 'json', version: '1.0', errorNamespace: 'x' },
    targetPrefixes: ['DynamoDB_20120810'],
  },
  logs: {
    kind: 'json',
    protocol: { version: '1.1', targetPrefixes: ['Logs_20140328'], errorNamespace: 'x' },
    iamPrefix: 'logs',
    operations: {},
  },
  lambda: {
    kind: 'rest-json',
    routes: [
      {
        method: 'GET',
        path: '/2015-03-31/functions',
        operation: 'ListFunctions',
        iamAction: 'lambda:ListFunctions',
        handle: async () => ({ status: 200, headers: {}, body: '' }),
      },
    ],
  },
  s3: { kind: 'raw', handler, errorFormat: { protocol: 'rest-xml' }, catchAll: true },
};

describe('resolveService', () => {
  it.each([
    ['logs', 'DynamoDB_20120810.Scan', 'POST', '/', 'logs'],
    [undefined, 'DynamoDB_20120810.Scan', 'POST', '/', 'dynamodb'],
    [undefined, 'Logs_20140328.PutLogEvents', 'POST', '/', 'logs'],
    [undefined, undefined, 'GET', '/2015-03-31/functions/', 'lambda'],
    ['sqs', 'DynamoDB_20120810.Scan', 'POST', '/', 'dynamodb'],
    [undefined, undefined, 'PUT', '/bucket/key', 's3'],
    [undefined, 'Unknown_1.Op', 'POST', '/', 's3'],
    ['execute-api', undefined, 'GET', '/bucket/key', undefined],
  ])('scope %s, target %s, %s %s -> %s', (scope, target, method, path, expected) => {
    expect(resolveService(services, scope, target, method, path)?.name).toBe(expected);
  });
});
