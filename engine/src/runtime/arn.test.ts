import { describe, expect, it } from 'vitest';
import { arnResourceName, parseArn, queueNameOfUrl } from './arn.ts';

describe('parseArn', () => {
  it.each([
    [
      'arn:aws:dynamodb:us-east-1:000000000000:table/requests/index/ByTime',
      {
        partition: 'aws',
        service: 'dynamodb',
        region: 'us-east-1',
        accountId: '000000000000',
        resource: 'table/requests/index/ByTime',
      },
    ],
    [
      'arn:aws:lambda:us-east-1:000000000000:function:fn:live',
      {
        partition: 'aws',
        service: 'lambda',
        region: 'us-east-1',
        accountId: '000000000000',
        resource: 'function:fn:live',
      },
    ],
    [
      'arn:aws:iam::000000000000:role/a/b',
      { partition: 'aws', service: 'iam', region: '', accountId: '000000000000', resource: 'role/a/b' },
    ],
  ])('reads %s', (value, expected) => {
    expect(parseArn(value)).toEqual(expected);
  });

  it.each(['', 'requests', 'arn:aws:s3', 'urn:aws:s3:::b'])('refuses %j', (value) => {
    expect(parseArn(value)).toBeUndefined();
  });
});

describe('arnResourceName', () => {
  it.each([
    ['arn:aws:iam::000000000000:role/service-role/processor', 'processor'],
    ['arn:aws:firehose:us-east-1:000000000000:deliverystream/access-logs', 'access-logs'],
    ['arn:aws:sqs:us-east-1:000000000000:dlq', 'dlq'],
    ['arn:aws:dynamodb:us-east-1:000000000000:table/requests', 'requests'],
    ['plain-name', 'plain-name'],
  ])('%s -> %s', (value, name) => {
    expect(arnResourceName(value)).toBe(name);
  });
});

it('queueNameOfUrl takes the last path segment', () => {
  expect(queueNameOfUrl('http://127.0.0.1:4566/000000000000/tap-dlq')).toBe('tap-dlq');
});
