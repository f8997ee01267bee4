import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { IamService } from './service.ts';

const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/Requests';
const LAMBDA_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

let dataDir: string;
const open = () => new IamService({ dataDir, account: DEFAULT_ACCOUNT, clock: new VirtualClock() });

function captureError(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tapstack-iam-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function processorRole(iam: IamService) {
  return iam.createRole({
    roleName: 'stack-ProcessorRole-ABC123',
    assumeRolePolicyDocument: LAMBDA_TRUST,
    managedPolicyArns: [BASIC],
    policies: [
      {
        policyName: 'write',
        policyDocument: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: TABLE }] },
      },
    ],
  });
}

describe('IamService', () => {
  it('creates a role with an IAM-shaped ARN and id, and refuses the same name in another case', () => {
    // Prepare
    const iam = open();

    // Act
    const role = processorRole(iam);
    const again = () =>
      iam.createRole({ roleName: 'STACK-processorrole-abc123', assumeRolePolicyDocument: LAMBDA_TRUST });

    // Assess
    expect(role.arn).toBe('arn:aws:iam::000000000000:role/stack-ProcessorRole-ABC123');
    expect(role.roleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(again).toThrow(expect.objectContaining({ code: 'EntityAlreadyExists', status: 409 }));
  });

  it('refuses a malformed policy document naming the policy', () => {
    // Act
    const act = () =>
      open().createRole({
        roleName: 'r',
        assumeRolePolicyDocument: LAMBDA_TRUST,
        policies: [
          {
            policyName: 'broken',
            policyDocument: { Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] },
          },
        ],
      });

    // Assess
    expect(act).toThrow(
      expect.objectContaining({
        code: 'MalformedPolicyDocument',
        message: expect.stringContaining('broken'),
      }),
    );
  });

  it('issues ASIA credentials that are stable per role session, survive a restart, and identify the session', () => {
    // Prepare
    const first = open();
    const { arn } = processorRole(first);

    // Act
    const issued = first.issueCredentials(arn, 'request-processor');
    const reissued = first.issueCredentials(arn, 'request-processor');
    const other = first.issueCredentials(arn, 'other-session');
    const restarted = open();

    // Assess
    expect(issued.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(issued.secretAccessKey).toHaveLength(40);
    expect(reissued).toEqual(issued);
    expect(other.accessKeyId).not.toBe(issued.accessKeyId);
    expect(restarted.identify(issued.accessKeyId)).toEqual({
      kind: 'role',
      roleArn: arn,
      roleName: 'stack-ProcessorRole-ABC123',
      sessionName: 'request-processor',
    });
    expect(restarted.secretFor(issued.accessKeyId)).toBe(issued.secretAccessKey);
    expect(restarted.identify('test')).toEqual({ kind: 'root' });
    expect(restarted.identify('ASIAAAAAAAAAAAAAAAAA')).toEqual({
      kind: 'unknown',
      accessKeyId: 'ASIAAAAAAAAAAAAAAAAA',
    });
    expect(
      restarted.authorize(restarted.identify('ASIAAAAAAAAAAAAAAAAA'), 's3:GetObject', 'arn:aws:s3:::b/k'),
    ).toEqual({
      allowed: false,
      message: 'The security token included in the request is invalid.',
    });
    expect(restarted.secretFor('test')).toBeUndefined();
  });

  it('checks the trust policy when a service assumes the role', () => {
    // Prepare
    const iam = open();
    const { arn } = processorRole(iam);

    // Act
    const byEvents = () => iam.issueCredentials(arn, 'scheduler', { assumedBy: 'events.amazonaws.com' });
    const byLambda = () => iam.issueCredentials(arn, 'lambda', { assumedBy: 'lambda.amazonaws.com' });

    // Assess
    expect(byEvents).toThrow(expect.objectContaining({ code: 'AccessDenied' }));
    expect(byLambda).not.toThrow();
  });

  it.each([
    ['dynamodb:PutItem', TABLE, true],
    ['logs:PutLogEvents', 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/f:log-stream:s', true],
    ['dynamodb:Scan', TABLE, false],
  ])('authorizes %s on %s for the role session: %s', (action, resource, expected) => {
    // Prepare
    const iam = open();
    const { arn } = processorRole(iam);
    const identity = iam.identify(iam.issueCredentials(arn, 'fn').accessKeyId);

    // Act
    const result = iam.authorize(identity, action, resource);

    // Assess
    expect(result.allowed).toBe(expected);
  });

  it('words an implicit deny as AWS does', () => {
    // Prepare
    const iam = open();
    const { arn } = processorRole(iam);
    const identity = iam.identify(iam.issueCredentials(arn, 'fn').accessKeyId);

    // Act
    const result = iam.authorize(identity, 'dynamodb:Scan', TABLE);

    // Assess
    expect(result).toEqual({
      allowed: false,
      message:
        'User: arn:aws:sts::000000000000:assumed-role/stack-ProcessorRole-ABC123/fn is not authorized to perform: ' +
        `dynamodb:Scan on resource: ${TABLE} because no identity-based policy allows the dynamodb:Scan action`,
    });
  });

  it('words an explicit deny as AWS does', () => {
    // Prepare
    const iam = open();
    const { arn, roleName } = processorRole(iam);
    iam.putRolePolicy(roleName, 'guard', {
      Statement: [{ Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' }],
    });
    const identity = iam.identify(iam.issueCredentials(arn, 'fn').accessKeyId);

    // Act
    const result = iam.authorize(identity, 'dynamodb:PutItem', TABLE);

    // Assess
    expect(result).toEqual({
      allowed: false,
      message:
        'User: arn:aws:sts::000000000000:assumed-role/stack-ProcessorRole-ABC123/fn is not authorized to perform: ' +
        `dynamodb:PutItem on resource: ${TABLE} with an explicit deny in an identity-based policy`,
    });
  });

  it('explains that an unknown managed policy grants nothing', () => {
    // Prepare
    const iam = open();
    const { arn } = iam.createRole({
      roleName: 'reader',
      assumeRolePolicyDocument: LAMBDA_TRUST,
      managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess'],
    });
    const identity = iam.identify(iam.issueCredentials(arn, 'fn').accessKeyId);

    // Act
    const result = iam.authorize(identity, 'dynamodb:GetItem', TABLE);

    // Assess
    expect(result.allowed).toBe(false);
    expect(result.allowed === false && result.message).toContain(
      'managed policy arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess is attached but its content is unknown',
    );
  });

  it('grants through an AWS::IAM::Policy attached to the role, and refuses to delete the role until it is detached', () => {
    // Prepare
    const iam = open();
    const { arn } = iam.createRole({ roleName: 'bare', assumeRolePolicyDocument: LAMBDA_TRUST });
    const { accessKeyId } = iam.issueCredentials(arn, 'fn');
    const identity = iam.identify(accessKeyId);
    const before = iam.authorize(identity, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:000000000000:dlq');

    // Act
    iam.attachInlinePolicy(
      'send',
      { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] },
      ['bare'],
    );
    const after = iam.authorize(identity, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:000000000000:dlq');
    const deleteWhileAttached = captureError(() => iam.deleteRole('bare'));
    iam.detachInlinePolicy('send');
    iam.deleteRole('bare');

    // Assess
    expect(before.allowed).toBe(false);
    expect(after.allowed).toBe(true);
    expect(deleteWhileAttached).toMatchObject({ code: 'DeleteConflict', status: 409 });
    expect(() => iam.getRole('bare')).toThrow(expect.objectContaining({ code: 'NoSuchEntity' }));
    expect(iam.authorize(iam.identify(accessKeyId), 'sqs:SendMessage', '*')).toMatchObject({
      allowed: false,
      message: expect.stringContaining('role arn:aws:iam::000000000000:role/bare no longer exists'),
    });
  });

  it('replaces the role policies on update', () => {
    // Prepare
    const iam = open();
    const { arn, roleName } = processorRole(iam);
    const identity = iam.identify(iam.issueCredentials(arn, 'fn').accessKeyId);

    // Act
    iam.updateRole(roleName, {
      policies: [
        {
          policyName: 'read',
          policyDocument: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE }] },
        },
      ],
    });

    // Assess
    expect(iam.authorize(identity, 'dynamodb:PutItem', TABLE).allowed).toBe(false);
    expect(iam.authorize(identity, 'dynamodb:GetItem', TABLE).allowed).toBe(true);
    expect(iam.getRole(roleName).managedPolicyArns).toEqual([BASIC]);
  });

  it('lets a resource-based Deny stop even the root user, and a resource-based Allow admit a role', () => {
    // Prepare
    const iam = open();
    const { arn } = iam.createRole({ roleName: 'bare', assumeRolePolicyDocument: LAMBDA_TRUST });
    const role = iam.identify(iam.issueCredentials(arn, 'fn').accessKeyId);
    const bucket = 'arn:aws:s3:::logs';
    const resourcePolicy = {
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: `${bucket}/*`,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        { Effect: 'Allow', Principal: { AWS: arn }, Action: 's3:PutObject', Resource: `${bucket}/*` },
      ],
    };

    // Act
    const rootOverHttp = iam.authorize(
      { kind: 'root' },
      's3:GetObject',
      `${bucket}/k`,
      { 'aws:SecureTransport': false },
      { resourcePolicy },
    );
    const roleOverHttps = iam.authorize(
      role,
      's3:PutObject',
      `${bucket}/k`,
      { 'aws:SecureTransport': true },
      { resourcePolicy },
    );

    // Assess
    expect(rootOverHttp).toEqual({
      allowed: false,
      message: `User: arn:aws:iam::000000000000:root is not authorized to perform: s3:GetObject on resource: ${bucket}/k with an explicit deny in a resource-based policy`,
    });
    expect(roleOverHttps).toEqual({ allowed: true });
  });

  it('names a role when the caller gives no name', () => {
    // Act
    const role = open().createRole({ assumeRolePolicyDocument: LAMBDA_TRUST });

    // Assess
    expect(role.roleName).toMatch(/^Role-[A-Z0-9]{17}$/);
    expect(role.arn).toBe(`arn:aws:iam::000000000000:role/${role.roleName}`);
  });
});
