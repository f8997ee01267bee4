import { describe, expect, it } from 'vitest';
import { dynamoDbAuthorizationTargets } from './authorization.ts';

const scope = { region: 'eu-west-1', accountId: '123456789012' };
const T = 'arn:aws:dynamodb:eu-west-1:123456789012:table';

describe('dynamoDbAuthorizationTargets', () => {
  it.each([
    ['PutItem', { TableName: 'Requests', Item: {} }, [['dynamodb:PutItem', `${T}/Requests`]]],
    ['PutItem', { TableName: `${T}/Requests` }, [['dynamodb:PutItem', `${T}/Requests`]]],
    [
      'Query',
      { TableName: 'Requests', IndexName: 'ByTime' },
      [['dynamodb:Query', `${T}/Requests/index/ByTime`]],
    ],
    [
      'Scan',
      { TableName: 'Requests', IndexName: 'ByTime' },
      [['dynamodb:Scan', `${T}/Requests/index/ByTime`]],
    ],
    // IndexName only narrows Query and Scan; a GetItem is always on the table.
    ['GetItem', { TableName: 'Requests', IndexName: 'ByTime' }, [['dynamodb:GetItem', `${T}/Requests`]]],
    ['ListTables', {}, [['dynamodb:ListTables', '*']]],
    ['TagResource', { ResourceArn: `${T}/A` }, [['dynamodb:TagResource', `${T}/A`]]],
    [
      'BatchWriteItem',
      { RequestItems: { A: [], B: [] } },
      [
        ['dynamodb:BatchWriteItem', `${T}/A`],
        ['dynamodb:BatchWriteItem', `${T}/B`],
      ],
    ],
    ['BatchGetItem', { RequestItems: { [`${T}/A`]: {} } }, [['dynamodb:BatchGetItem', `${T}/A`]]],
    [
      'TransactWriteItems',
      {
        TransactItems: [
          { Put: { TableName: 'A' } },
          { Update: { TableName: 'C' } },
          { Delete: { TableName: 'A' } },
          { ConditionCheck: { TableName: 'A' } },
          { Put: { TableName: 'A' } },
        ],
      },
      [
        ['dynamodb:PutItem', `${T}/A`],
        ['dynamodb:UpdateItem', `${T}/C`],
        ['dynamodb:DeleteItem', `${T}/A`],
        ['dynamodb:ConditionCheckItem', `${T}/A`],
      ],
    ],
    [
      'TransactGetItems',
      { TransactItems: [{ Get: { TableName: `${T}/B` } }] },
      [['dynamodb:GetItem', `${T}/B`]],
    ],
    // Malformed input is still checked (on `*`); the operation then answers its ValidationException.
    ['PutItem', { TableName: 7 }, [['dynamodb:PutItem', '*']]],
    ['TransactWriteItems', { TransactItems: 'x' }, [['dynamodb:TransactWriteItems', '*']]],
    [
      'TransactWriteItems',
      { TransactItems: [null, { Put: 'x' }, { Bogus: { TableName: 'A' } }] },
      [['dynamodb:TransactWriteItems', '*']],
    ],
    ['BatchWriteItem', { RequestItems: [] }, [['dynamodb:BatchWriteItem', '*']]],
  ])('%s %j', (operation, input, expected) => {
    // Act
    const targets = dynamoDbAuthorizationTargets(operation, input, scope);

    // Assess
    expect(targets).toEqual(expected.map(([action, resource]) => ({ action, resource })));
  });
});
