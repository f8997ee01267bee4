import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../runtime/clock.ts';
import { deployApi, FUNCTION_ARN, type Harness, makeHarness, send } from './harness.fixture.ts';

describe('HTTP API request handling over real HTTP', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness(new RealClock());
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('sends the function a payload 2.0 event with every request field', async () => {
    // Prepare
    const { apiId, endpoint } = await deployApi(h.service, {
      routeKeys: ['POST /items/{id}'],
      stage: { StageName: '$default', StageVariables: { table: 'requests' } },
    });

    // Act
    const reply = await send(`${endpoint}/items/42?tag=a&tag=b&q=hello%20world`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-multi': ['one', 'two'],
        cookie: 'session=abc; theme=dark',
        'user-agent': 'vitest-agent',
      },
      body: '{"hello":"world"}',
    });

    // Assess
    expect(reply.status).toBe(200);
    const event = h.lambda.lastEvent();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /items/{id}',
      rawPath: '/items/42',
      rawQueryString: 'tag=a&tag=b&q=hello%20world',
      cookies: ['session=abc', 'theme=dark'],
      queryStringParameters: { tag: 'a,b', q: 'hello world' },
      body: '{"hello":"world"}',
      isBase64Encoded: false,
      pathParameters: { id: '42' },
      stageVariables: { table: 'requests' },
    });
    expect(event.headers['x-multi']).toBe('one,two');
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext).toMatchObject({
      accountId: '000000000000',
      apiId,
      domainName: `${apiId}.execute-api.us-east-1.amazonaws.com`,
      domainPrefix: apiId,
      http: {
        method: 'POST',
        path: '/items/42',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest-agent',
      },
      routeKey: 'POST /items/{id}',
      stage: '$default',
    });
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof event.requestContext.timeEpoch).toBe('number');
    expect(event.requestContext.requestId).toBe(reply.headers['apigw-requestid']);
  });

  it('invokes synchronously as API Gateway with the execute-api source ARN', async () => {
    // Prepare
    const { apiId, endpoint } = await deployApi(h.service, { routeKeys: ['GET /items/{id}'] });

    // Act
    await send(`${endpoint}/items/7`);

    // Assess
    expect(h.lambda.calls[0]).toMatchObject({
      functionName: FUNCTION_ARN,
      invocationType: 'RequestResponse',
      caller: {
        principal: 'apigateway.amazonaws.com',
        sourceArn: `arn:aws:execute-api:us-east-1:000000000000:${apiId}/$default/GET/items/{id}`,
      },
    });
  });

  it('base64-encodes a binary body and leaves out body and parameters a request does not have', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service);
    const bytes = Buffer.from([0, 1, 2, 250, 255]);

    // Act
    await send(`${endpoint}/upload`, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: bytes,
    });
    const binary = h.lambda.lastEvent();
    await send(`${endpoint}/plain`);
    const empty = h.lambda.lastEvent();

    // Assess
    expect(binary.isBase64Encoded).toBe(true);
    expect(Buffer.from(binary.body ?? '', 'base64')).toEqual(bytes);
    expect(binary.routeKey).toBe('$default');
    expect(empty).not.toHaveProperty('body');
    expect(empty).not.toHaveProperty('cookies');
    expect(empty).not.toHaveProperty('queryStringParameters');
    expect(empty).not.toHaveProperty('pathParameters');
    expect(empty).not.toHaveProperty('stageVariables');
    expect(empty.isBase64Encoded).toBe(false);
  });

  it('returns a structured response with its headers, one set-cookie per cookie and a decoded base64 body', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service);
    h.lambda.behaviour = () => ({
      payload: JSON.stringify({
        statusCode: 201,
        headers: { 'X-Custom': 'yes', 'Content-Type': 'application/octet-stream' },
        cookies: ['a=1; Path=/', 'b=2'],
        body: Buffer.from('binary!').toString('base64'),
        isBase64Encoded: true,
      }),
    });

    // Act
    const reply = await send(`${endpoint}/`);

    // Assess
    expect(reply.status).toBe(201);
    expect(reply.headers['x-custom']).toBe('yes');
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect(reply.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2']);
    expect(reply.text()).toBe('binary!');
    expect(reply.headers['content-length']).toBe('7');
    expect(reply.headers['apigw-requestid']).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(reply.headers.date).toBeDefined();
  });

  it('infers 200 application/json when the function returns JSON without statusCode', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service);
    h.lambda.behaviour = () => ({ payload: JSON.stringify({ saved: true }) });

    // Act
    const reply = await send(`${endpoint}/`);

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.json()).toEqual({ saved: true });
  });

  it.each([
    ['the function threw', { functionError: 'Unhandled' as const, payload: '{"errorMessage":"boom"}' }],
    ['the response is not JSON', { payload: 'not json' }],
    ['statusCode is not a number', { payload: '{"statusCode":"abc"}' }],
  ])('answers 502 Internal Server Error when %s', async (_name, answer) => {
    // Prepare
    const { endpoint } = await deployApi(h.service);
    h.lambda.behaviour = () => answer;

    // Act
    const reply = await send(`${endpoint}/`);

    // Assess
    expect(reply.status).toBe(502);
    expect(reply.text()).toBe('{"message":"Internal Server Error"}');
    expect(reply.headers['content-type']).toBe('application/json');
  });

  it('answers 500 Internal Server Error when Lambda rejects the invocation', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service);
    const { AwsError } = await import('../../runtime/aws-error.ts');
    h.lambda.behaviour = () => {
      throw new AwsError('AccessDeniedException', 'not allowed', 403);
    };

    // Act
    const reply = await send(`${endpoint}/`);

    // Assess
    expect(reply.status).toBe(500);
    expect(reply.text()).toBe('{"message":"Internal Server Error"}');
  });

  it('answers 404 Not Found without invoking when no route matches', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service, { routeKeys: ['GET /items'] });

    // Act
    const wrongPath = await send(`${endpoint}/other`);
    const wrongMethod = await send(`${endpoint}/items`, { method: 'DELETE' });

    // Assess
    expect(wrongPath.status).toBe(404);
    expect(wrongPath.text()).toBe('{"message":"Not Found"}');
    expect(wrongMethod.status).toBe(404);
    expect(h.lambda.calls).toHaveLength(0);
  });

  it('answers 413 Request Entity Too Large for a body over 10 MB without invoking', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service);
    const body = Buffer.alloc(10 * 1024 * 1024 + 1, 97);

    // Act
    const reply = await send(`${endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });

    // Assess
    expect(reply.status).toBe(413);
    expect(reply.text()).toBe('{"message":"Request Entity Too Large"}');
    expect(h.lambda.calls).toHaveLength(0);
  });

  it('answers 413 for a chunked body that grows past 10 MB while being read', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service);
    const body = Buffer.alloc(10 * 1024 * 1024 + 1, 98);

    // Act
    const reply = await send(`${endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' },
      body,
    });

    // Assess
    expect(reply.status).toBe(413);
    expect(h.lambda.calls).toHaveLength(0);
  });

  it('accepts a body of exactly 10 MB', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service);
    h.lambda.behaviour = (event) => ({
      payload: JSON.stringify({ statusCode: 200, body: String(event.body?.length) }),
    });

    // Act
    const reply = await send(`${endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: Buffer.alloc(10 * 1024 * 1024, 99),
    });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.text()).toBe(String(10 * 1024 * 1024));
  });

  it('serves a named stage under its path prefix and keeps the prefix in rawPath', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service, {
      routeKeys: ['GET /items'],
      stage: { StageName: 'dev' },
    });

    // Act
    const staged = await send(`${endpoint}/dev/items`);
    const unstaged = await send(`${endpoint}/items`);

    // Assess
    expect(staged.status).toBe(200);
    expect(h.lambda.lastEvent()).toMatchObject({ rawPath: '/dev/items', requestContext: { stage: 'dev' } });
    expect(unstaged.status).toBe(404);
  });

  it('answers HEAD with headers and no body', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service);
    h.lambda.behaviour = () => ({ payload: JSON.stringify({ statusCode: 200, body: 'hello' }) });

    // Act
    const reply = await send(`${endpoint}/`, { method: 'HEAD' });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(0);
    expect(reply.headers['content-length']).toBe('5');
  });

  it('stops serving an API once it is deleted', async () => {
    // Prepare
    const { apiId, endpoint } = await deployApi(h.service);

    // Act
    await h.service.deleteApi(apiId);

    // Assess
    await expect(send(`${endpoint}/`)).rejects.toThrow();
    expect(h.service.listApis()).toHaveLength(0);
  });
});
