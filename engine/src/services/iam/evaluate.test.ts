import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from './conditions.ts';
import { evaluatePolicies } from './evaluate.ts';
import { type PolicyDocument, parsePolicyDocument } from './policy-document.ts';

const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/Requests';
const policy = (...Statement: unknown[]) => ({ name: 'p', document: parsePolicyDocument({ Statement }) });

type Row = [string, unknown[], string, string, RequestContext, 'Allow' | 'ExplicitDeny' | 'ImplicitDeny'];

describe('evaluatePolicies (identity-based)', () => {
  it.each<Row>([
    ['no statements: implicit deny', [], 'dynamodb:PutItem', TABLE, {}, 'ImplicitDeny'],
    [
      'an exact Allow allows',
      [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: TABLE }],
      'dynamodb:PutItem',
      TABLE,
      {},
      'Allow',
    ],
    [
      'an Allow for another action does not',
      [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE }],
      'dynamodb:PutItem',
      TABLE,
      {},
      'ImplicitDeny',
    ],
    [
      'an Allow for another table does not',
      [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: `${TABLE}-old` }],
      'dynamodb:PutItem',
      TABLE,
      {},
      'ImplicitDeny',
    ],
    [
      'action wildcards are case-insensitive',
      [{ Effect: 'Allow', Action: ['DYNAMODB:put*'], Resource: '*' }],
      'dynamodb:PutItem',
      TABLE,
      {},
      'Allow',
    ],
    [
      'Deny wins over Allow',
      [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'dynamodb:PutItem', Resource: TABLE },
      ],
      'dynamodb:PutItem',
      TABLE,
      {},
      'ExplicitDeny',
    ],
    [
      'NotAction allows everything else',
      [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
      'dynamodb:PutItem',
      TABLE,
      {},
      'Allow',
    ],
    [
      'NotAction excludes its actions',
      [{ Effect: 'Allow', NotAction: 'dynamodb:*', Resource: '*' }],
      'dynamodb:PutItem',
      TABLE,
      {},
      'ImplicitDeny',
    ],
    [
      'NotResource allows other resources',
      [{ Effect: 'Allow', Action: '*', NotResource: `${TABLE}-secret` }],
      'dynamodb:PutItem',
      TABLE,
      {},
      'Allow',
    ],
    [
      'NotResource excludes its resources',
      [{ Effect: 'Allow', Action: '*', NotResource: TABLE }],
      'dynamodb:PutItem',
      TABLE,
      {},
      'ImplicitDeny',
    ],
    [
      'an identity statement without Resource never applies',
      [{ Effect: 'Allow', Action: '*' }],
      'dynamodb:PutItem',
      TABLE,
      {},
      'ImplicitDeny',
    ],
    [
      'a conditional Allow applies when the condition holds',
      [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
        },
      ],
      'dynamodb:PutItem',
      TABLE,
      { 'aws:RequestedRegion': 'us-east-1' },
      'Allow',
    ],
    [
      'a conditional Allow does not apply when it fails',
      [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        },
      ],
      'dynamodb:PutItem',
      TABLE,
      { 'aws:RequestedRegion': 'us-east-1' },
      'ImplicitDeny',
    ],
    [
      'a conditional Deny that fails leaves the Allow',
      [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
      'dynamodb:PutItem',
      TABLE,
      { 'aws:SecureTransport': true },
      'Allow',
    ],
    [
      'an Allow with an unknown operator never allows',
      [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringMatchesRegex: { k: '.*' } } }],
      'dynamodb:PutItem',
      TABLE,
      { k: 'x' },
      'ImplicitDeny',
    ],
    [
      'a Deny with an unknown operator denies (fail closed)',
      [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringMatchesRegex: { k: 'y' } } },
      ],
      'dynamodb:PutItem',
      TABLE,
      { k: 'x' },
      'ExplicitDeny',
    ],
  ])('%s', (_name, statements, action, resource, context, expected) => {
    // Act
    const decision = evaluatePolicies([policy(...statements)], { action, resource, context }, 'identity');

    // Assess
    expect(decision.effect).toBe(expected);
  });

  it('names the statements it could not evaluate', () => {
    // Act
    const decision = evaluatePolicies(
      [policy({ Sid: 'Regex', Effect: 'Allow', Action: '*', Resource: '*', Condition: { Foo: { k: 'v' } } })],
      { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
      'identity',
    );

    // Assess
    expect(decision).toEqual({
      effect: 'ImplicitDeny',
      unsupported: [{ policy: 'p', sid: 'Regex', index: 0, operators: ['Foo'] }],
    });
  });

  it('never allows an action that an unconditional Deny covers, whatever else the policy says, in any letter case', () => {
    const actionPart = fc.stringMatching(/^[A-Za-z]{1,8}$/);
    const action = fc
      .tuple(fc.constantFrom('dynamodb', 's3', 'logs', 'sqs'), actionPart)
      .map(([s, a]) => `${s}:${a}`);
    const pattern = fc.oneof(
      action,
      fc.constant('*'),
      fc.constantFrom('dynamodb:*', 's3:*', 'logs:Put*', '*:*'),
    );
    const resource = fc.constantFrom('*', TABLE, 'arn:aws:s3:::b/*', 'arn:aws:*');
    const condition = fc.option(
      fc.constantFrom(
        { Bool: { 'aws:SecureTransport': 'true' } },
        { StringEquals: { 'aws:SourceAccount': '000000000000' } },
        { StringNotEquals: { 'aws:SourceAccount': '1' } },
        { UnknownOperator: { k: 'v' } },
      ),
      { nil: undefined },
    );
    const statement = fc.record({
      Effect: fc.constantFrom('Allow', 'Deny'),
      Action: fc.array(pattern, { minLength: 1, maxLength: 3 }),
      Resource: fc.array(resource, { minLength: 1, maxLength: 2 }),
      Condition: condition,
    });
    fc.assert(
      fc.property(
        fc.array(statement, { maxLength: 6 }),
        action,
        fc.nat(6),
        fc.boolean(),
        (others, denied, at, shout) => {
          // Prepare
          const deny = { Effect: 'Deny', Action: denied, Resource: '*' };
          const statements = [...others.slice(0, at), deny, ...others.slice(at)].map((s) =>
            JSON.parse(JSON.stringify(s)),
          );
          const document: PolicyDocument = parsePolicyDocument({ Statement: statements });

          // Act
          const decision = evaluatePolicies(
            [{ name: 'p', document }],
            {
              action: shout ? denied.toUpperCase() : denied,
              resource: TABLE,
              context: { 'aws:SecureTransport': true },
            },
            'identity',
          );

          // Assess
          expect(decision.effect).toBe('ExplicitDeny');
        },
      ),
    );
  });
});
