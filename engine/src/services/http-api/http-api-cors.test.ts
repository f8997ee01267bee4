import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../runtime/clock.ts';
import { deployApi, type Harness, makeHarness, send } from './harness.fixture.ts';

const CORS = {
  AllowOrigins: ['https://app.example.com'],
  AllowMethods: ['GET', 'POST'],
  AllowHeaders: ['content-type', 'x-api-key'],
  ExposeHeaders: ['x-request-id'],
  MaxAge: 300,
};

describe('HTTP API CORS from CorsConfiguration', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness(new RealClock());
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('answers an allowed preflight itself with 204 and the configured headers, without invoking', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service, { routeKeys: ['POST /capture'], cors: CORS });

    // Act
    const reply = await send(`${endpoint}/capture`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'Content-Type',
      },
    });

    // Assess
    expect(reply.status).toBe(204);
    expect(reply.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(reply.headers['access-control-allow-methods']).toBe('GET,POST');
    expect(reply.headers['access-control-allow-headers']).toBe('content-type,x-api-key');
    expect(reply.headers['access-control-max-age']).toBe('300');
    expect(reply.headers['apigw-requestid']).toBeDefined();
    expect(h.lambda.calls).toHaveLength(0);
  });

  it.each([
    ['origin', { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' }],
    ['method', { origin: 'https://app.example.com', 'access-control-request-method': 'DELETE' }],
    [
      'header',
      {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-forbidden',
      },
    ],
  ])('answers a preflight with a disallowed %s without CORS headers', async (_what, headers) => {
    // Prepare
    const { endpoint } = await deployApi(h.service, { routeKeys: ['POST /capture'], cors: CORS });

    // Act
    const reply = await send(`${endpoint}/capture`, { method: 'OPTIONS', headers });

    // Assess
    expect(reply.status).toBe(204);
    expect(Object.keys(reply.headers).filter((k) => k.startsWith('access-control-'))).toEqual([]);
    expect(h.lambda.calls).toHaveLength(0);
  });

  it('replaces the function CORS headers with the configured ones on an allowed origin', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service, { cors: CORS });
    h.lambda.behaviour = () => ({
      payload: JSON.stringify({
        statusCode: 200,
        headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'DELETE' },
        body: 'ok',
      }),
    });

    // Act
    const reply = await send(`${endpoint}/`, { headers: { origin: 'https://app.example.com' } });

    // Assess
    expect(reply.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(reply.headers['access-control-expose-headers']).toBe('x-request-id');
    expect(reply.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('adds no CORS headers for a disallowed origin, and drops the function ones', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service, { cors: CORS });
    h.lambda.behaviour = () => ({
      payload: JSON.stringify({
        statusCode: 200,
        headers: { 'Access-Control-Allow-Origin': '*' },
        body: 'ok',
      }),
    });

    // Act
    const reply = await send(`${endpoint}/`, { headers: { origin: 'https://evil.example.com' } });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes the origin and allows credentials when AllowCredentials is set', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service, {
      cors: { AllowOrigins: ['https://*'], AllowMethods: ['*'], AllowCredentials: true },
    });

    // Act
    const reply = await send(`${endpoint}/`, { headers: { origin: 'https://any.example.org' } });

    // Assess
    expect(reply.headers['access-control-allow-origin']).toBe('https://any.example.org');
    expect(reply.headers['access-control-allow-credentials']).toBe('true');
  });

  it('sends * for a wildcard configuration without credentials', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service, { cors: { AllowOrigins: ['*'] } });

    // Act
    const reply = await send(`${endpoint}/`, { headers: { origin: 'http://localhost:3000' } });

    // Assess
    expect(reply.headers['access-control-allow-origin']).toBe('*');
  });

  it('passes CORS headers and OPTIONS requests through untouched without a CorsConfiguration', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service);
    h.lambda.behaviour = () => ({
      payload: JSON.stringify({
        statusCode: 200,
        headers: { 'Access-Control-Allow-Origin': 'fn' },
        body: '',
      }),
    });

    // Act
    const actual = await send(`${endpoint}/`, { headers: { origin: 'https://app.example.com' } });
    const preflight = await send(`${endpoint}/`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });

    // Assess
    expect(actual.headers['access-control-allow-origin']).toBe('fn');
    expect(preflight.status).toBe(200);
    expect(h.lambda.calls).toHaveLength(2);
  });
});
