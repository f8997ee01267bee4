import { describe, expect, it } from 'vitest';
import { evaluateCondition, type RequestContext } from './conditions.ts';

type Row = [string, Record<string, Record<string, string[]>>, RequestContext, boolean];

describe('evaluateCondition', () => {
  it.each<Row>([
    [
      'StringEquals matches one of the values',
      { StringEquals: { 'aws:SourceAccount': ['1', '000000000000'] } },
      { 'aws:SourceAccount': '000000000000' },
      true,
    ],
    [
      'StringEquals is case-sensitive',
      { StringEquals: { 'aws:SourceAccount': ['ABC'] } },
      { 'aws:SourceAccount': 'abc' },
      false,
    ],
    [
      'condition key names are case-insensitive',
      { StringEquals: { 'AWS:sourceaccount': ['1'] } },
      { 'aws:SourceAccount': '1' },
      true,
    ],
    ['StringEquals fails on a missing key', { StringEquals: { 'aws:SourceAccount': ['1'] } }, {}, false],
    ['StringNotEquals holds on a missing key', { StringNotEquals: { 'aws:SourceAccount': ['1'] } }, {}, true],
    [
      'StringNotEquals fails on an equal value',
      { StringNotEquals: { 'aws:SourceAccount': ['1', '2'] } },
      { 'aws:SourceAccount': '2' },
      false,
    ],
    [
      'StringLike uses wildcards',
      { StringLike: { 's3:prefix': ['logs/*'] } },
      { 's3:prefix': 'logs/2026/01' },
      true,
    ],
    ['StringEqualsIgnoreCase ignores case', { StringEqualsIgnoreCase: { k: ['ABC'] } }, { k: 'abc' }, true],
    [
      'ArnLike matches per component',
      { ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::bucket-*'] } },
      { 'aws:SourceArn': 'arn:aws:s3:::bucket-a' },
      true,
    ],
    [
      'ArnEquals differs from another ARN',
      { ArnEquals: { 'aws:SourceArn': ['arn:aws:s3:::a'] } },
      { 'aws:SourceArn': 'arn:aws:s3:::b' },
      false,
    ],
    [
      'ArnNotLike holds on another ARN',
      { ArnNotLike: { 'aws:SourceArn': ['arn:aws:s3:::a'] } },
      { 'aws:SourceArn': 'arn:aws:s3:::b' },
      true,
    ],
    [
      'Bool false matches a false boolean',
      { Bool: { 'aws:SecureTransport': ['false'] } },
      { 'aws:SecureTransport': false },
      true,
    ],
    [
      'Bool false does not match true',
      { Bool: { 'aws:SecureTransport': ['false'] } },
      { 'aws:SecureTransport': true },
      false,
    ],
    ['Bool on a missing key fails', { Bool: { 'aws:SecureTransport': ['false'] } }, {}, false],
    ['BoolIfExists on a missing key holds', { BoolIfExists: { 'aws:SecureTransport': ['false'] } }, {}, true],
    ['NumericLessThan compares numbers, not text', { NumericLessThan: { n: ['10'] } }, { n: 9 }, true],
    [
      'NumericGreaterThanEquals at the boundary',
      { NumericGreaterThanEquals: { n: ['10'] } },
      { n: '10' },
      true,
    ],
    ['Numeric with a non-number request value fails', { NumericEquals: { n: ['1'] } }, { n: 'one' }, false],
    [
      'DateLessThan compares instants',
      { DateLessThan: { 'aws:CurrentTime': ['2026-06-01T00:00:00Z'] } },
      { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
      true,
    ],
    [
      'IpAddress inside a CIDR',
      { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
      { 'aws:SourceIp': '10.1.2.3' },
      true,
    ],
    [
      'IpAddress outside a CIDR',
      { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
      { 'aws:SourceIp': '127.0.0.1' },
      false,
    ],
    [
      'NotIpAddress outside a CIDR holds',
      { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
      { 'aws:SourceIp': '127.0.0.1' },
      true,
    ],
    [
      'IpAddress with IPv6',
      { IpAddress: { 'aws:SourceIp': ['2001:db8::/32'] } },
      { 'aws:SourceIp': '2001:db8::1' },
      true,
    ],
    ['Null true holds when the key is absent', { Null: { 'aws:TokenIssueTime': ['true'] } }, {}, true],
    [
      'Null false holds when the key is present',
      { Null: { 'aws:TokenIssueTime': ['false'] } },
      { 'aws:TokenIssueTime': 'x' },
      true,
    ],
    [
      'operators are AND-ed',
      { StringEquals: { a: ['1'] }, Bool: { b: ['true'] } },
      { a: '1', b: 'false' },
      false,
    ],
    ['keys are AND-ed', { StringEquals: { a: ['1'], b: ['2'] } }, { a: '1', b: '2' }, true],
    [
      'ForAnyValue: one request value matching is enough',
      { 'ForAnyValue:StringEquals': { tags: ['a'] } },
      { tags: ['x', 'a'] },
      true,
    ],
    [
      'ForAllValues: every request value must match',
      { 'ForAllValues:StringEquals': { tags: ['a', 'b'] } },
      { tags: ['a', 'c'] },
      false,
    ],
    ['ForAllValues holds on a missing key', { 'ForAllValues:StringEquals': { tags: ['a'] } }, {}, true],
    ['ForAnyValue fails on a missing key', { 'ForAnyValue:StringEquals': { tags: ['a'] } }, {}, false],
  ])('%s', (_name, condition, context, expected) => {
    // Act
    const result = evaluateCondition(condition, context);

    // Assess
    expect(result).toEqual({ matches: expected, unsupported: [] });
  });

  it('reports an unknown operator and does not match, whatever the context', () => {
    // Act
    const result = evaluateCondition(
      { StringMatchesRegex: { k: ['.*'] }, StringEquals: { a: ['1'] } },
      { k: 'x', a: '1' },
    );

    // Assess
    expect(result).toEqual({ matches: false, unsupported: ['StringMatchesRegex'] });
  });
});
