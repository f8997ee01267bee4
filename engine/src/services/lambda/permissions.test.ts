import { afterEach, describe, expect, it } from 'vitest';
import { arnLike, statementAllows } from './permissions.ts';
import { createFixture, type Fixture, functionConfig, invokeSync } from './service.fixture.ts';

const API = 'arn:aws:execute-api:us-east-1:000000000000:abc123';

describe('arnLike', () => {
  it.each([
    [`${API}/*/*/items`, `${API}/prod/POST/items`, true],
    [`${API}/*/*/items`, `${API}/prod/POST/other`, false],
    [`${API}/*`, `${API}/$default/GET/a/b`, true],
    [`${API}/?/GET/x`, `${API}/a/GET/x`, true],
    [`${API}/?/GET/x`, `${API}/ab/GET/x`, false],
    [
      'arn:aws:events:us-east-1:000000000000:rule/daily',
      'arn:aws:events:us-east-1:000000000000:rule/daily',
      true,
    ],
    [
      'arn:aws:events:us-east-1:000000000000:rule/daily',
      'arn:aws:events:us-east-1:000000000000:rule/dailyX',
      false,
    ],
    ['arn:aws:s3:::bucket.name', 'arn:aws:s3:::bucketxname', false],
  ])('%s matches %s: %s', (pattern, value, expected) => {
    expect(arnLike(pattern, value)).toBe(expected);
  });
});

describe('statementAllows', () => {
  const statement = {
    statementId: 's',
    action: 'lambda:InvokeFunction',
    principal: 'apigateway.amazonaws.com',
  };
  it.each([
    ['the principal and action', statement, { principal: 'apigateway.amazonaws.com' }, true],
    ['another principal', statement, { principal: 'events.amazonaws.com' }, false],
    ['lambda:*', { ...statement, action: 'lambda:*' }, { principal: 'apigateway.amazonaws.com' }, true],
    [
      'another action',
      { ...statement, action: 'lambda:GetFunction' },
      { principal: 'apigateway.amazonaws.com' },
      false,
    ],
    [
      'a SourceArn with no caller ARN',
      { ...statement, sourceArn: `${API}/*` },
      { principal: 'apigateway.amazonaws.com' },
      false,
    ],
    [
      'a SourceAccount of another account',
      { ...statement, sourceAccount: '111111111111' },
      { principal: 'apigateway.amazonaws.com', sourceArn: `${API}/x` },
      false,
    ],
  ])('allows %s: %s', (_name, s, caller, expected) => {
    expect(statementAllows(s, caller)).toBe(expected);
  });
});

describe('resource policy enforcement on invoke', () => {
  let fixture: Fixture;
  afterEach(async () => fixture?.service.close());

  it('lets a service principal invoke only through a matching statement', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(functionConfig('exports.handler = async () => "hi";'));
    const asApi = (sourceArn: string) =>
      fixture.service.invoke({
        functionName: 'fn',
        payload: '{}',
        invocationType: 'RequestResponse',
        caller: { principal: 'apigateway.amazonaws.com', sourceArn },
      });
    const denied = await asApi(`${API}/prod/GET/items`).catch((e: unknown) => e);
    fixture.service.addPermission('fn', {
      statementId: 'api',
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${API}/*/*/items`,
    });

    // Act
    const allowed = await asApi(`${API}/prod/GET/items`);
    const otherRoute = await asApi(`${API}/prod/GET/admin`).catch((e: unknown) => e);
    const account = await invokeSync(fixture.service);
    fixture.service.removePermission('fn', 'api');
    const afterRemoval = await asApi(`${API}/prod/GET/items`).catch((e: unknown) => e);

    // Assess
    expect(denied).toMatchObject({ code: 'AccessDeniedException', status: 403 });
    expect((denied as Error).message).toContain('apigateway.amazonaws.com');
    expect((denied as Error).message).toContain('arn:aws:lambda:us-east-1:000000000000:function:fn');
    expect(allowed.payload).toBe('"hi"');
    expect(otherRoute).toMatchObject({ code: 'AccessDeniedException' });
    expect(account.payload).toBe('"hi"');
    expect(afterRemoval).toMatchObject({ code: 'AccessDeniedException' });
  });

  it('refuses a duplicate statement id and the removal of an unknown one', () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(functionConfig('exports.handler = async () => 1;'));
    const statement = {
      statementId: 'rule',
      action: 'lambda:InvokeFunction',
      principal: 'events.amazonaws.com',
    };
    fixture.service.addPermission('fn', statement);

    // Act
    const duplicate = (() => {
      try {
        fixture.service.addPermission('fn', statement);
      } catch (error) {
        return error;
      }
    })();
    const unknown = (() => {
      try {
        fixture.service.removePermission('fn', 'nope');
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(duplicate).toMatchObject({ code: 'ResourceConflictException', status: 409 });
    expect(unknown).toMatchObject({ code: 'ResourceNotFoundException', status: 404 });
  });
});
