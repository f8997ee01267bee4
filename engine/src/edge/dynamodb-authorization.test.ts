import { describe, expect, it } from 'vitest';
import { dynamodbAuthorizationTarget } from './dynamodb-authorization.ts';

const view = (target: string | undefined, body: string) => ({
  method: 'POST',
  url: '/',
  headers: target === undefined ? {} : { 'x-amz-target': target },
  body: Buffer.from(body),
  region: 'eu-west-1',
  accountId: '123456789012',
});
const arn = (t: string): string => `arn:aws:dynamodb:eu-west-1:123456789012:table/${t}`;

describe('dynamodbAuthorizationTarget', () => {
  it.each([
    [
      'DynamoDB_20120810.PutItem',
      '{"TableName":"T","Item":{}}',
      [{ action: 'dynamodb:PutItem', resource: arn('T') }],
    ],
    ['DynamoDB_20120810.ListTables', '{}', [{ action: 'dynamodb:ListTables', resource: '*' }]],
    [
      'DynamoDB_20120810.BatchWriteItem',
      '{"RequestItems":{"A":[],"B":[]}}',
      [
        { action: 'dynamodb:BatchWriteItem', resource: arn('A') },
        { action: 'dynamodb:BatchWriteItem', resource: arn('B') },
      ],
    ],
    [
      'DynamoDB_20120810.TransactWriteItems',
      '{"TransactItems":[{"Put":{"TableName":"A"}},{"Update":{"TableName":"C"}},{"Delete":{"TableName":"A"}}]}',
      [
        { action: 'dynamodb:PutItem', resource: arn('A') },
        { action: 'dynamodb:UpdateItem', resource: arn('C') },
        { action: 'dynamodb:DeleteItem', resource: arn('A') },
      ],
    ],
    [
      'DynamoDB_20120810.TransactWriteItems',
      '{"TransactItems":[{"ConditionCheck":{"TableName":"A"}},{"Put":{"TableName":"A"}},{"Put":{"TableName":"A"}}]}',
      [
        { action: 'dynamodb:ConditionCheckItem', resource: arn('A') },
        { action: 'dynamodb:PutItem', resource: arn('A') },
      ],
    ],
    [
      'DynamoDB_20120810.TransactGetItems',
      '{"TransactItems":[{"Get":{"TableName":"B"}}]}',
      [{ action: 'dynamodb:GetItem', resource: arn('B') }],
    ],
  ])('%s %s -> %j', (target, body, expected) => {
    expect(dynamodbAuthorizationTarget(view(target, body))).toEqual(expected);
  });

  it.each([
    [undefined, '{}'],
    ['Other_1.PutItem', '{}'],
    ['DynamoDB_20120810.PutItem', 'not json'],
    ['DynamoDB_20120810.PutItem', '[1]'],
  ])('leaves %s %s to dynalite to answer', (target, body) => {
    expect(dynamodbAuthorizationTarget(view(target, body))).toBeUndefined();
  });
});
