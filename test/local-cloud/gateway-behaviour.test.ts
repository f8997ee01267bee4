import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  committedTemplate,
  type LocalCloud,
  postJson,
  startLocalCloud,
  TABLE_NAME,
} from '../support/local-cloud.fixture.ts';

let cloud: LocalCloud | undefined;
afterEach(async () => {
  await cloud?.dispose();
  cloud = undefined;
});

describe('HTTP API behaviour of the deployed stack', () => {
  it('answers a CORS preflight itself, without invoking the function, and adds CORS headers to actual responses', async () => {
    cloud = await startLocalCloud();
    const scanCount = async () =>
      (await cloud?.dynamodb().send(new ScanCommand({ TableName: TABLE_NAME, Select: 'COUNT' })))?.Count;
    const before = await scanCount();

    const preflight = await fetch(cloud.apiUrl, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key',
      },
    });
    const actual = await postJson(cloud.apiUrl, { a: 1 }, { origin: 'https://app.example' });
    const withoutOrigin = await postJson(cloud.apiUrl, { a: 2 });

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')?.split(/,\s*/)).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']),
    );
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-api-key');
    expect(preflight.headers.get('access-control-max-age')).toBe('86400');
    expect(actual.status).toBe(200);
    expect(actual.headers.get('access-control-allow-origin')).toBe('*');
    expect(withoutOrigin.headers.get('access-control-allow-origin')).toBeNull();
    // Two actual requests stored, the preflight none.
    expect(await scanCount()).toBe((before ?? 0) + 2);
  });

  it('throttles with 429 beyond the stage burst, as the template parameters set it', async () => {
    cloud = await startLocalCloud({ parameters: { ThrottlingRateLimit: '1', ThrottlingBurstLimit: '2' } });

    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await postJson(cloud.apiUrl, { i })).status);
    const throttled = await postJson(cloud.apiUrl, { last: true });

    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    expect(throttled.status).toBe(429);
    expect(throttled.json).toEqual({ message: 'Too Many Requests' });
  });

  it('answers 500 when the function has no permission for the API, as API Gateway does', async () => {
    const template = committedTemplate();
    delete template.Resources.LambdaApiGatewayPermission;
    cloud = await startLocalCloud({ template });

    const response = await postJson(cloud.apiUrl, { hello: 'world' });

    expect(response.status).toBe(500);
    expect(response.json).toEqual({ message: 'Internal Server Error' });
  });

  it('denies the function role any DynamoDB action the template does not grant, naming action, resource and role', async () => {
    cloud = await startLocalCloud();
    const roleArn = String(cloud.deployed.stack.outputs.length >= 0 && (await roleOfFunction(cloud)));
    const credentials = cloud.engine.services.iam.issueCredentials(roleArn, 'e2e-session');
    const asFunction = new DynamoDBClient({
      endpoint: cloud.endpointUrl,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });

    const scan = asFunction.send(new ScanCommand({ TableName: TABLE_NAME }));
    const put = asFunction.send(
      new PutItemCommand({
        TableName: TABLE_NAME,
        Item: { RequestId: { S: 'allowed-by-role' }, Timestamp: { S: '2026-01-01T00:00:00.000Z' } },
      }),
    );

    await expect(scan).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(scan).rejects.toThrow(
      new RegExp(
        `assumed-role/${roleArn.split('/').pop()}/e2e-session is not authorized to perform: dynamodb:Scan on resource: arn:aws:dynamodb:us-east-1:000000000000:table/${TABLE_NAME}`,
      ),
    );
    await expect(put).resolves.toBeDefined();
    asFunction.destroy();
  });
});

async function roleOfFunction(local: LocalCloud): Promise<string> {
  return local.engine.services.lambda.getFunction(local.output('LambdaFunctionName')).Role;
}

describe('templates the engine refuses', () => {
  it('rejects an unsupported resource type naming its logical id, before creating anything, and keeps the running stack', async () => {
    cloud = await startLocalCloud();
    const first = await postJson(cloud.apiUrl, { keep: 'me' });
    const template = committedTemplate();
    template.Resources.BuildServer = { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-123' } };

    const deploy = cloud.engine.deploy({
      stackName: 'serverless-infrastructure',
      templateBody: JSON.stringify(template),
    });

    await expect(deploy).rejects.toThrow(/BuildServer/);
    await expect(deploy).rejects.toThrow(/AWS::EC2::Instance/);
    const stored = await cloud.dynamodb().send(new ScanCommand({ TableName: TABLE_NAME }));
    expect(stored.Items?.map((i) => i.RequestId?.S)).toContain(first.json?.requestId);
    expect((await postJson(cloud.apiUrl, { still: 'serving' })).status).toBe(200);
  });

  it('rejects an unsupported property naming the resource and the property', async () => {
    cloud = await startLocalCloud();
    const template = committedTemplate();
    (
      template.Resources.DeadLetterQueue as { Properties: Record<string, unknown> }
    ).Properties.ContentBasedDeduplication = true;

    await expect(
      cloud.engine.deploy({ stackName: 'serverless-infrastructure', templateBody: JSON.stringify(template) }),
    ).rejects.toThrow(/DeadLetterQueue.*ContentBasedDeduplication/);
  });
});

describe('a changed template is applied as an update', () => {
  it('deletes a removed resource, re-creates it when it comes back, and leaves unchanged resources and data alone', async () => {
    cloud = await startLocalCloud();
    const first = await postJson(cloud.apiUrl, { before: 'update' });
    const withoutPermission = committedTemplate();
    delete withoutPermission.Resources.LambdaApiGatewayPermission;

    const removed = await cloud.engine.deploy({
      stackName: 'serverless-infrastructure',
      templateBody: JSON.stringify(withoutPermission),
    });
    const whileRemoved = await postJson(cloud.apiUrl, { during: 'update' });
    const restored = await cloud.engine.deploy({
      stackName: 'serverless-infrastructure',
      templateBody: JSON.stringify(committedTemplate()),
    });
    const afterRestore = await postJson(cloud.apiUrl, { after: 'update' });

    expect(removed.action).toBe('UPDATE');
    expect(removed.changes).toEqual([
      { logicalId: 'LambdaApiGatewayPermission', resourceType: 'AWS::Lambda::Permission', action: 'Remove' },
    ]);
    expect(removed.stack.status).toBe('UPDATE_COMPLETE');
    expect(whileRemoved.status).toBe(500);
    expect(restored.changes.map((c) => [c.logicalId, c.action])).toEqual([
      ['LambdaApiGatewayPermission', 'Add'],
    ]);
    expect(afterRestore.status).toBe(200);
    const stored = await cloud.dynamodb().send(new ScanCommand({ TableName: TABLE_NAME }));
    expect(stored.Items?.map((i) => i.RequestId?.S)).toEqual(
      expect.arrayContaining([first.json?.requestId, afterRestore.json?.requestId]),
    );
  });
});

describe('function logs', () => {
  it('never fail an invocation: a deleted log group is created again, as Lambda does', async () => {
    cloud = await startLocalCloud();
    const groupName = '/aws/lambda/serverless-infrastructure-request-processor';
    cloud.engine.services.logs.deleteLogGroup(groupName);

    const response = await postJson(cloud.apiUrl, { after: 'log group deleted' });

    expect(response.status).toBe(200);
    expect(cloud.engine.services.logs.hasLogGroup(groupName)).toBe(true);
    const events = await cloud.engine.services.logs.filterLogEvents({ logGroupName: groupName });
    expect(events.some((e) => e.message.includes('platform.start'))).toBe(true);
  });
});
