import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EndpointFixture, fakeAuth, ROLE_KEY, startEndpoint } from './endpoint.fixture.ts';

let fx: EndpointFixture;

beforeAll(async () => {
  fx = await startEndpoint(new Set(['logs:DescribeLogGroups']));
});
afterAll(async () => fx.close());

const post = async (headers: Record<string, string>, body: string, path = '/') => {
  const res = await fetch(`${fx.url}${path}`, { method: 'POST', headers, body });
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), text: await res.text() };
};

const logs = (target: string) => ({
  ...fakeAuth('logs'),
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': target,
});

describe('JSON protocol errors', () => {
  it('answers a malformed JSON body with SerializationException 400', async () => {
    // Act
    const res = await post(logs('Logs_20140328.DescribeLogGroups'), '{"logGroupNamePrefix":');
    // Assess
    expect(res.status).toBe(400);
    expect(res.errorType).toBe('SerializationException');
    expect(JSON.parse(res.text).__type).toBe('com.amazon.coral.service#SerializationException');
  });

  it('names an unknown X-Amz-Target prefix', async () => {
    // Act
    const res = await post(logs('Nope_2020.DescribeLogGroups'), '{}');
    // Assess
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message:
        "Unknown X-Amz-Target prefix 'Nope_2020' in 'Nope_2020.DescribeLogGroups'; this service accepts Logs_20140328",
    });
  });

  it('answers an unknown operation with UnknownOperationException listing the supported ones', async () => {
    // Act
    const res = await post(logs('Logs_20140328.PutLogEvents'), '{}');
    // Assess
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).message).toBe(
      "Operation 'PutLogEvents' is not supported by this endpoint; supported: DescribeLogGroups",
    );
  });

  it('reports every validation problem with the coral ValidationException', async () => {
    // Act
    const res = await post(
      logs('Logs_20140328.DescribeLogGroups'),
      '{"logGroupNamePrefix":"toolong","limit":0}',
    );
    // Assess
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message:
        "2 validation errors detected: Value 'toolong' at 'logGroupNamePrefix' failed to satisfy constraint: Member must have length less than or equal to 5; Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
  });

  it('serializes a service error in the service namespace and a result as JSON', async () => {
    // Act
    const failed = await post(logs('Logs_20140328.DescribeLogGroups'), '{"logGroupNamePrefix":"none"}');
    const ok = await post(logs('Logs_20140328.DescribeLogGroups'), '{"logGroupNamePrefix":"a"}');
    // Assess
    expect(JSON.parse(failed.text)).toEqual({
      __type: 'com.amazonaws.logs#ResourceNotFoundException',
      message: 'no such group',
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toEqual({ logGroups: [{ logGroupName: 'agroup' }] });
  });

  it('answers a role caller denied by IAM with coral AccessDeniedException (capital Message)', async () => {
    // Act
    const res = await post(
      { ...logs('Logs_20140328.DescribeLogGroups'), ...fakeAuth('logs', ROLE_KEY) },
      '{}',
    );
    // Assess
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text);
    expect(body.__type).toBe('com.amazon.coral.service#AccessDeniedException');
    expect(body.Message).toContain('is not authorized to perform: logs:DescribeLogGroups on resource: *');
  });
});

describe('SigV4 errors', () => {
  const dynamo = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'DynamoDB_20120810.ListTables',
  };

  it('answers an unsigned DynamoDB request with MissingAuthenticationTokenException', async () => {
    // Act
    const res = await post(dynamo, '{}');
    // Assess
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });
  });

  it('answers a header missing its parts with IncompleteSignatureException', async () => {
    // Act
    const res = await post(
      { ...dynamo, authorization: 'AWS4-HMAC-SHA256 Credential=abc', 'x-amz-date': '20261125T120000Z' },
      '{}',
    );
    // Assess
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).message).toBe(
      "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=abc",
    );
  });

  it('answers a credential scope with the wrong shape with IncompleteSignatureException', async () => {
    // Act
    const res = await post(
      {
        ...dynamo,
        authorization: 'AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=x',
        'x-amz-date': '20261125T120000Z',
      },
      '{}',
    );
    // Assess
    expect(JSON.parse(res.text)).toEqual({
      __type: 'com.amazon.coral.service#IncompleteSignatureException',
      message:
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/c/d'",
    });
  });

  it('answers a forged scope (date mismatch, no host) with InvalidSignatureException', async () => {
    // Act
    const res = await post(
      {
        ...dynamo,
        authorization:
          'AWS4-HMAC-SHA256 Credential=k/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=x-amz-date, Signature=x',
        'x-amz-date': '20261125T120000Z',
      },
      '{}',
    );
    // Assess
    const body = JSON.parse(res.text);
    expect(body.__type).toBe('com.amazon.coral.service#InvalidSignatureException');
    expect(body.message).toContain(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20200101' != '20261125'",
    );
    expect(body.message).toContain("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  });

  it('answers an unsigned query-protocol request in XML with MissingAuthenticationToken 403', async () => {
    // Act
    const res = await post(
      {
        ...fakeAuth('cloudformation'),
        authorization: 'Bearer x',
        'content-type': 'application/x-www-form-urlencoded',
      },
      'Action=DescribeStacks&Version=2010-05-15',
    );
    // Assess
    expect(res.status).toBe(403);
    expect(res.text).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('names the signing name when no service serves it', async () => {
    // Act
    const res = await post(fakeAuth('execute-api'), '');
    // Assess
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).message).toBe(
      "No service for signing name 'execute-api' on this endpoint; it serves: cloudformation, dynamodb, lambda, logs, sts",
    );
  });
});

describe('query protocol errors and STS', () => {
  const form = { ...fakeAuth('cloudformation'), 'content-type': 'application/x-www-form-urlencoded' };

  it('answers an unknown Action with InvalidAction in an XML ErrorResponse', async () => {
    // Act
    const res = await post(form, 'Action=CreateStack&Version=2010-05-15&StackName=x');
    // Assess
    expect(res.status).toBe(400);
    expect(res.text).toMatch(
      /^<ErrorResponse xmlns="http:\/\/cloudformation\.amazonaws\.com\/doc\/2010-05-15\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>Could not find operation CreateStack for version 2010-05-15; supported: DescribeStackEvents, /,
    );
    expect(res.text).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });

  it('answers GetCallerIdentity for the root and for a role caller', async () => {
    // Act
    const root = await post(
      { ...fakeAuth('sts'), 'content-type': 'application/x-www-form-urlencoded' },
      'Action=GetCallerIdentity&Version=2011-06-15',
    );
    const role = await post(
      { ...fakeAuth('sts', ROLE_KEY), 'content-type': 'application/x-www-form-urlencoded' },
      'Action=GetCallerIdentity&Version=2011-06-15',
    );
    // Assess
    expect(root.status).toBe(200);
    expect(root.text).toMatch(
      /^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetCallerIdentityResult><UserId>000000000000<\/UserId><Account>000000000000<\/Account><Arn>arn:aws:iam::000000000000:root<\/Arn><\/GetCallerIdentityResult><ResponseMetadata><RequestId>/,
    );
    expect(role.text).toContain(
      '<Arn>arn:aws:sts::000000000000:assumed-role/processor-role/request-processor</Arn>',
    );
    expect(role.text).toMatch(/<UserId>AROA[0-9A-F]{17}:request-processor<\/UserId>/);
  });
});

describe('Lambda REST routes', () => {
  it('answers an unknown path with UnknownOperationException 404 listing the routes', async () => {
    // Act
    const res = await post({ ...fakeAuth('lambda') }, '{}', '/2015-03-31/functions/x/policy');
    // Assess
    expect(res.status).toBe(404);
    expect(res.errorType).toBe('UnknownOperationException');
    expect(JSON.parse(res.text).message).toContain(
      'No operation matches POST /2015-03-31/functions/x/policy; supported: Invoke',
    );
  });

  it('rejects an unknown invocation type without invoking', async () => {
    // Prepare
    const before = fx.lambda.invocations.length;
    // Act
    const res = await post(
      { ...fakeAuth('lambda'), 'x-amz-invocation-type': 'Later' },
      '{}',
      '/2015-03-31/functions/request-processor/invocations',
    );
    // Assess
    expect(res.status).toBe(400);
    expect(res.errorType).toBe('InvalidParameterValueException');
    expect(fx.lambda.invocations.length).toBe(before);
  });
});

describe('connection reuse', () => {
  it('keeps a keep-alive socket usable after answering an unsigned request before reading its body', async () => {
    // Prepare
    const { Agent, request } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(fx.url);
    const send = (headers: Record<string, string>, body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { agent, host: url.hostname, port: url.port, method: 'POST', path: '/', headers },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const unsigned = {
      'x-amz-target': 'DynamoDB_20120810.Scan',
      'content-type': 'application/x-amz-json-1.0',
    };
    const signed = { ...fakeAuth('sts'), 'content-type': 'application/x-www-form-urlencoded' };
    // Act
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(await send(unsigned, '{"TableName":"requests"}'));
      statuses.push(await send(signed, 'Action=GetCallerIdentity&Version=2011-06-15'));
    }
    agent.destroy();
    // Assess
    expect(statuses).toEqual([400, 200, 400, 200, 400, 200]);
  });
});
