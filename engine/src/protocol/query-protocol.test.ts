import { describe, expect, it } from 'vitest';
import { AwsError } from '../runtime/aws-error.ts';
import { nestQueryParams, parseQueryParams, queryError, queryResult } from './query-protocol.ts';

const XMLNS = { xmlns: 'http://cloudformation.amazonaws.com/doc/2010-05-15/' };

describe('awsQuery input', () => {
  it.each([
    ['Action=DescribeStacks&Version=2010-05-15&StackName=a%20b', { StackName: 'a b' }],
    ['StackName=a+b', { StackName: 'a b' }],
    ['StackStatusFilter.member.2=B&StackStatusFilter.member.1=A', { StackStatusFilter: ['A', 'B'] }],
    [
      'Tags.member.1.Key=k&Tags.member.1.Value=v&Tags.member.2.Key=k2',
      { Tags: [{ Key: 'k', Value: 'v' }, { Key: 'k2' }] },
    ],
    ['Attributes.entry.1.key=Policy&Attributes.entry.1.value=x', { Attributes: { Policy: 'x' } }],
    ['A.B.C=1', { A: { B: { C: '1' } } }],
    ['Empty=', { Empty: '' }],
  ])('%s -> %j', (body, expected) => {
    expect(nestQueryParams(parseQueryParams(body, ''))).toEqual(expected);
  });

  it('lets the body override the query string', () => {
    expect(parseQueryParams('Action=B', 'Action=A&X=1')).toEqual(
      new Map([
        ['Action', 'B'],
        ['X', '1'],
      ]),
    );
  });

  it('rejects broken percent-encoding with MalformedQueryString', () => {
    expect(() => parseQueryParams('StackName=%E0%A4%A', '')).toThrowError(/Malformed percent-encoding/);
  });
});

describe('awsQuery output', () => {
  it('wraps the result in <Action>Response/<Action>Result with members, dates and escapes', () => {
    // Act
    const wire = queryResult(
      'DescribeStacks',
      {
        Stacks: [{ StackName: 'a<b', CreationTime: new Date(0), Outputs: [], Gone: undefined, Flag: false }],
      },
      'rid',
      XMLNS,
    );
    // Assess
    expect(wire.status).toBe(200);
    expect(wire.body).toBe(
      '<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>a&lt;b</StackName><CreationTime>1970-01-01T00:00:00.000Z</CreationTime><Outputs></Outputs><Flag>false</Flag></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></DescribeStacksResponse>',
    );
  });

  it('writes an ErrorResponse with Sender/Receiver from the status', () => {
    // Act
    const sender = queryError(
      new AwsError('ValidationError', 'Stack with id X does not exist', 400),
      'r1',
      XMLNS,
    );
    const receiver = queryError(new AwsError('InternalFailure', 'oops & more', 500), 'r2', XMLNS);
    // Assess
    expect(sender.body).toBe(
      '<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id X does not exist</Message></Error><RequestId>r1</RequestId></ErrorResponse>',
    );
    expect(receiver.status).toBe(500);
    expect(receiver.body).toContain(
      '<Type>Receiver</Type><Code>InternalFailure</Code><Message>oops &amp; more</Message>',
    );
  });

  it('spells AccessDeniedException as AccessDenied 403', () => {
    // Act
    const wire = queryError(new AwsError('AccessDeniedException', 'no', 403), 'r', XMLNS);
    // Assess
    expect(wire.status).toBe(403);
    expect(wire.body).toContain('<Code>AccessDenied</Code>');
  });
});
