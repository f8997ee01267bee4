import { describe, expect, it } from 'vitest';
import { parseRouteKey } from './route-key.ts';
import { matchRoute, selectStage } from './route-matching.ts';

const routes = [
  '$default',
  'GET /items',
  'GET /items/special',
  'GET /items/{id}',
  'ANY /items/{id}',
  'GET /items/{proxy+}',
  'ANY /{proxy+}',
  'POST /items/{id}/tags/{tag}',
  'GET /',
].map((routeKey, i) => ({ routeId: `r${i}`, routeKey }));

describe('matchRoute', () => {
  it.each([
    ['GET', '/items', 'GET /items', undefined],
    ['GET', '/items/special', 'GET /items/special', undefined],
    ['GET', '/items/42', 'GET /items/{id}', { id: '42' }],
    ['PUT', '/items/42', 'ANY /items/{id}', { id: '42' }],
    ['GET', '/items/a/b', 'GET /items/{proxy+}', { proxy: 'a/b' }],
    ['DELETE', '/items/a/b', 'ANY /{proxy+}', { proxy: 'items/a/b' }],
    ['POST', '/items/1/tags/red', 'POST /items/{id}/tags/{tag}', { id: '1', tag: 'red' }],
    ['GET', '/items/caf%C3%A9', 'GET /items/{id}', { id: 'café' }],
    ['GET', '/', 'GET /', undefined],
    ['POST', '/', '$default', undefined],
    ['get', '/items', 'GET /items', undefined],
  ])('%s %s -> %s', (method, path, routeKey, pathParameters) => {
    const match = matchRoute(routes, method, path);
    expect(match?.routeKey).toBe(routeKey);
    expect(match?.pathParameters).toEqual(pathParameters);
  });

  it.each([
    ['GET', '/items/'],
    ['POST', '/nothing'],
  ])('%s %s falls through to nothing without $default', (method, path) => {
    const withoutDefault = routes.filter((r) => r.routeKey !== '$default' && r.routeKey !== 'ANY /{proxy+}');
    expect(matchRoute(withoutDefault, method, path)).toBeUndefined();
  });

  it('does not match a greedy route with nothing after its prefix', () => {
    expect(matchRoute([{ routeId: 'g', routeKey: 'GET /items/{proxy+}' }], 'GET', '/items')).toBeUndefined();
  });
});

describe('parseRouteKey', () => {
  it.each([
    ['$default', true],
    ['GET /items', true],
    ['ANY /{proxy+}', true],
    ['POST /a/{b}/c', true],
    ['GET items', false],
    ['FETCH /items', false],
    ['GET /{proxy+}/more', false],
    ['GET /a{b}', false],
    ['get /items', false],
  ])('%s valid: %s', (routeKey, valid) => {
    expect(!('error' in parseRouteKey(routeKey))).toBe(valid);
  });
});

describe('selectStage', () => {
  it.each([
    ['/dev/items', ['dev', '$default'], { stageName: 'dev', routePath: '/items' }],
    ['/dev', ['dev'], { stageName: 'dev', routePath: '/' }],
    ['/items', ['dev', '$default'], { stageName: '$default', routePath: '/items' }],
    ['/items', ['dev'], undefined],
    ['/', ['$default'], { stageName: '$default', routePath: '/' }],
  ] as const)('%s with stages %j -> %j', (path, stages, expected) => {
    expect(selectStage(path, stages)).toEqual(expected);
  });
});
