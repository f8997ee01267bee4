import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { dynamoDbAuthorizationTarget } from './authorization-targets.ts';

const T = 'arn:aws:dynamodb:us-east-1:000000000000:table';

describe('dynamoDbAuthorizationTarget', () => {
  it.each([
    ['PutItem', { TableName: 'Requests' }, 'dynamodb:PutItem', [`${T}/Requests`]],
    ['PutItem', { TableName: `${T}/Requests` }, 'dynamodb:PutItem', [`${T}/Requests`]],
    [
      'Query',
      { TableName: 'Requests', IndexName: 'byTime' },
      'dynamodb:Query',
      [`${T}/Requests/index/byTime`],
    ],
    ['BatchWriteItem', { RequestItems: { A: [], B: [] } }, 'dynamodb:BatchWriteItem', [`${T}/A`, `${T}/B`]],
    ['ListTables', {}, 'dynamodb:ListTables', ['*']],
    ['TagResource', { ResourceArn: `${T}/A` }, 'dynamodb:TagResource', [`${T}/A`]],
  ])('%s %j -> %s on %j', (operation, input, action, resources) => {
    // Act
    const target = dynamoDbAuthorizationTarget(DEFAULT_ACCOUNT, operation, input);

    // Assess
    expect(target).toEqual({ action, resources });
  });
});
