import { describe, expect, it } from 'vitest';
import { matchesAction, matchesArn, matchesResource, matchesWildcard } from './wildcard.ts';

describe('wildcards', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a*c', 'ac', true],
    ['a*c', 'abxc', true],
    ['a*c', 'abxcd', false],
    ['*b*', 'aaabaaa', true],
    ['abc', 'ABC', false],
    ['a.c', 'abc', false],
    ['a**', 'a', true],
  ])('matchesWildcard(%j, %j) is %s', (pattern, value, expected) => {
    expect(matchesWildcard(pattern, value)).toBe(expected);
  });

  it.each([
    ['dynamodb:PutItem', 'dynamodb:PutItem', true],
    ['DynamoDB:putitem', 'dynamodb:PutItem', true],
    ['dynamodb:Put*', 'dynamodb:PutItem', true],
    ['dynamodb:*', 'dynamodb:GetItem', true],
    ['dynamodb:Get*', 'dynamodb:PutItem', false],
    ['s3:*', 'dynamodb:PutItem', false],
    ['*', 'logs:PutLogEvents', true],
    ['logs:Put?ogEvents', 'logs:PutLogEvents', true],
  ])('matchesAction(%j, %j) is %s', (pattern, action, expected) => {
    expect(matchesAction(pattern, action)).toBe(expected);
  });

  it.each([
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b.txt', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
    ['arn:aws:s3:::bucket', 'arn:aws:s3:::Bucket', false],
    ['arn:aws:dynamodb:*:*:table/Requests', 'arn:aws:dynamodb:us-east-1:000000000000:table/Requests', true],
    ['arn:aws:logs:*:*:*', 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/f:*', true],
  ])('matchesResource(%j, %j) is %s', (pattern, arn, expected) => {
    expect(matchesResource(pattern, arn)).toBe(expected);
  });

  it.each([
    ['arn:aws:s3:::bucket-*', 'arn:aws:s3:::bucket-logs', true],
    ['arn:aws:*:us-east-1:*:*', 'arn:aws:sqs:us-east-1:000000000000:q', true],
    // A wildcard in one component does not swallow the next ones.
    ['arn:aws:sqs:*', 'arn:aws:sqs:us-east-1:000000000000:q', false],
    [
      'arn:aws:lambda:us-east-1:000000000000:function:f',
      'arn:aws:lambda:us-east-1:000000000000:function:f',
      true,
    ],
    [
      'arn:aws:lambda:us-east-1:000000000000:function:*',
      'arn:aws:lambda:us-east-1:000000000000:function:f:alias',
      true,
    ],
    ['not-an-arn', 'arn:aws:s3:::b', false],
  ])('matchesArn(%j, %j) is %s', (pattern, arn, expected) => {
    expect(matchesArn(pattern, arn)).toBe(expected);
  });
});
