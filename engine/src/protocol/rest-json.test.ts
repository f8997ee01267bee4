import { describe, expect, it } from 'vitest';
import { matchRoute, type RestRoute } from './rest-json.ts';

const route = (method: string, path: string, operation: string): RestRoute => ({
  method,
  path,
  operation,
  iamAction: `x:${operation}`,
  handle: async () => ({ status: 200, headers: {}, body: '' }),
});

const routes = [
  route('POST', '/2015-03-31/functions/{FunctionName}/invocations', 'Invoke'),
  route('GET', '/2015-03-31/functions/{FunctionName}', 'GetFunction'),
  route('GET', '/2015-03-31/functions', 'ListFunctions'),
  route('GET', '/files/{Key+}', 'GetFile'),
];

describe('matchRoute', () => {
  it.each([
    ['POST', '/2015-03-31/functions/fn/invocations', 'Invoke', { FunctionName: 'fn' }],
    [
      'POST',
      '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A0%3Afunction%3Afn/invocations',
      'Invoke',
      { FunctionName: 'arn:aws:lambda:us-east-1:0:function:fn' },
    ],
    ['GET', '/2015-03-31/functions/fn', 'GetFunction', { FunctionName: 'fn' }],
    ['GET', '/2015-03-31/functions/', 'ListFunctions', {}],
    ['GET', '/2015-03-31/functions', 'ListFunctions', {}],
    ['get', '/files/a/b%20c', 'GetFile', { Key: 'a/b c' }],
  ])('%s %s -> %s %j', (method, path, operation, params) => {
    const match = matchRoute(routes, method, path);
    expect(match?.route.operation).toBe(operation);
    expect(match?.params).toEqual(params);
  });

  it.each([
    ['DELETE', '/2015-03-31/functions/fn'],
    ['POST', '/2015-03-31/functions/fn/invocations/extra'],
    ['GET', '/2015-03-31/functions/%E0%A4%A'],
    ['GET', '/files/'],
    ['GET', '/'],
  ])('%s %s matches nothing', (method, path) => {
    expect(matchRoute(routes, method, path)).toBeUndefined();
  });
});
