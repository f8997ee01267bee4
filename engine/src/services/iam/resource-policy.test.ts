import { describe, expect, it } from 'vitest';
import type { RequestContext } from './conditions.ts';
import type { RequestPrincipal } from './evaluate.ts';
import { evaluateResourcePolicy } from './resource-policy.ts';

const BUCKET = 'arn:aws:s3:::tapstack-logs-000000000000';
const SOURCE = 'arn:aws:s3:::tapstack-data-000000000000';

/** The bucket policy CDK writes for `enforceSSL: true` plus S3 server access log delivery. */
const bucketPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: [BUCKET, `${BUCKET}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${BUCKET}/*`,
      Condition: {
        ArnLike: { 'aws:SourceArn': SOURCE },
        StringEquals: { 'aws:SourceAccount': '000000000000' },
      },
    },
  ],
};

const role: RequestPrincipal = {
  type: 'AWS',
  arn: 'arn:aws:sts::000000000000:assumed-role/writer/s1',
  roleArn: 'arn:aws:iam::000000000000:role/writer',
  accountId: '000000000000',
};
const logging: RequestPrincipal = { type: 'Service', service: 'logging.s3.amazonaws.com' };

type Row = [string, RequestPrincipal, string, string, RequestContext, string];

describe('evaluateResourcePolicy', () => {
  it.each<Row>([
    [
      'plain HTTP is denied to everyone',
      role,
      's3:GetObject',
      `${BUCKET}/k`,
      { 'aws:SecureTransport': false },
      'ExplicitDeny',
    ],
    [
      'plain HTTP is denied even to the log delivery service',
      logging,
      's3:PutObject',
      `${BUCKET}/k`,
      { 'aws:SecureTransport': false, 'aws:SourceArn': SOURCE, 'aws:SourceAccount': '000000000000' },
      'ExplicitDeny',
    ],
    [
      'TLS for a role: the policy says nothing',
      role,
      's3:GetObject',
      `${BUCKET}/k`,
      { 'aws:SecureTransport': true },
      'ImplicitDeny',
    ],
    [
      'log delivery from the source bucket is allowed',
      logging,
      's3:PutObject',
      `${BUCKET}/k`,
      { 'aws:SecureTransport': true, 'aws:SourceArn': SOURCE, 'aws:SourceAccount': '000000000000' },
      'Allow',
    ],
    [
      'log delivery from another bucket is not',
      logging,
      's3:PutObject',
      `${BUCKET}/k`,
      {
        'aws:SecureTransport': true,
        'aws:SourceArn': 'arn:aws:s3:::other',
        'aws:SourceAccount': '000000000000',
      },
      'ImplicitDeny',
    ],
    [
      'log delivery without SourceArn is not',
      logging,
      's3:PutObject',
      `${BUCKET}/k`,
      { 'aws:SecureTransport': true },
      'ImplicitDeny',
    ],
    [
      'another service gets nothing',
      { type: 'Service', service: 'delivery.logs.amazonaws.com' },
      's3:PutObject',
      `${BUCKET}/k`,
      { 'aws:SecureTransport': true, 'aws:SourceArn': SOURCE, 'aws:SourceAccount': '000000000000' },
      'ImplicitDeny',
    ],
  ])('%s', (_name, principal, action, resource, context, expected) => {
    // Act
    const decision = evaluateResourcePolicy(bucketPolicy, principal, action, resource, context);

    // Assess
    expect(decision.effect).toBe(expected);
  });

  it.each<[string, unknown, 'Allow' | 'ImplicitDeny']>([
    ['a role ARN matches its sessions', 'arn:aws:iam::000000000000:role/writer', 'Allow'],
    ['the account id matches every principal in it', '000000000000', 'Allow'],
    ['the account root ARN matches too', 'arn:aws:iam::000000000000:root', 'Allow'],
    ['another role does not match', 'arn:aws:iam::000000000000:role/reader', 'ImplicitDeny'],
    ['another account does not match', '111111111111', 'ImplicitDeny'],
  ])('queue policy principal: %s', (_name, awsPrincipal, expected) => {
    // Prepare
    const queuePolicy = {
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: awsPrincipal },
        Action: 'sqs:SendMessage',
        Resource: '*',
      },
    };

    // Act
    const decision = evaluateResourcePolicy(
      queuePolicy,
      role,
      'sqs:SendMessage',
      'arn:aws:sqs:us-east-1:000000000000:dlq',
    );

    // Assess
    expect(decision.effect).toBe(expected);
  });
});
