import { describe, expect, it } from 'vitest';
import { EventPatternError, matchesPattern } from './event-pattern.ts';

/**
 * Rows from AWS's documented examples (patterns and events as the pages show them):
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html
 */
const EC2_EVENT = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const withDetail = (detail: Record<string, unknown>) => ({ ...EC2_EVENT, detail });

const ROWS: readonly [string, unknown, unknown, boolean][] = [
  // Exact values, AND across fields, OR within a field's list.
  ['exact source', { source: ['aws.ec2'] }, EC2_EVENT, true],
  ['exact source, other value', { source: ['aws.s3'] }, EC2_EVENT, false],
  ['one of several values', { detail: { state: ['running', 'terminated'] } }, EC2_EVENT, true],
  ['every field must match', { source: ['aws.ec2'], 'detail-type': ['Other'] }, EC2_EVENT, false],
  [
    'array in the event: any element',
    { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0', 'x'] },
    EC2_EVENT,
    true,
  ],
  ['a field the event lacks', { detail: { missing: ['x'] } }, EC2_EVENT, false],
  ['null matches null', { detail: { eip: [null] } }, withDetail({ eip: null }), true],
  ['null does not match a missing field', { detail: { eip: [null] } }, withDetail({}), false],
  ['empty string', { detail: { LastName: [''] } }, withDetail({ LastName: '' }), true],
  ['numbers compare as numbers', { detail: { count: [300] } }, withDetail({ count: 300.0 }), true],
  // Prefix and suffix.
  ['prefix', { time: [{ prefix: '2017-12-22' }] }, EC2_EVENT, true],
  ['prefix, no match', { time: [{ prefix: '2017-10-02' }] }, EC2_EVENT, false],
  [
    'prefix ignoring case',
    { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    withDetail({ service: 'EVENTBRIDGE' }),
    true,
  ],
  ['suffix', { detail: { FileName: [{ suffix: '.png' }] } }, withDetail({ FileName: 'image.png' }), true],
  [
    'suffix, no match',
    { detail: { FileName: [{ suffix: '.png' }] } },
    withDetail({ FileName: 'image.jpg' }),
    false,
  ],
  [
    'suffix ignoring case',
    { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
    withDetail({ FileName: 'IMAGE.PNG' }),
    true,
  ],
  ['equals-ignore-case', { detail: { state: [{ 'equals-ignore-case': 'TERMINATED' }] } }, EC2_EVENT, true],
  ['prefix on a number never matches', { detail: { n: [{ prefix: '1' }] } }, withDetail({ n: 12 }), false],
  // Anything-but.
  ['anything-but a string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, EC2_EVENT, true],
  [
    'anything-but the same string',
    { detail: { state: [{ 'anything-but': 'terminated' }] } },
    EC2_EVENT,
    false,
  ],
  [
    'anything-but a number',
    { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
    withDetail({ 'x-limit': 456 }),
    true,
  ],
  [
    'anything-but a number, equal',
    { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
    withDetail({ 'x-limit': 123 }),
    false,
  ],
  [
    'anything-but a list',
    { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    withDetail({ state: 'overloaded' }),
    false,
  ],
  [
    'anything-but a list, other value',
    { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    EC2_EVENT,
    true,
  ],
  [
    'anything-but a prefix',
    { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    withDetail({ state: 'initializing' }),
    false,
  ],
  [
    'anything-but a prefix, other value',
    { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    EC2_EVENT,
    true,
  ],
  [
    'anything-but a suffix',
    { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } },
    withDetail({ FileName: 'a.png' }),
    true,
  ],
  [
    'anything-but ignoring case',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['TERMINATED'] } }] } },
    EC2_EVENT,
    false,
  ],
  [
    'anything-but ignoring case, other value',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['STOPPED', 'Overloaded'] } }] } },
    EC2_EVENT,
    true,
  ],
  ['anything-but needs the field', { detail: { state: [{ 'anything-but': 'x' }] } }, withDetail({}), false],
  // Numeric.
  [
    'numeric range',
    { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    withDetail({ 'c-count': 5 }),
    true,
  ],
  [
    'numeric range, above',
    { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    withDetail({ 'c-count': 6 }),
    false,
  ],
  [
    'numeric range, at the open end',
    { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    withDetail({ 'c-count': 0 }),
    false,
  ],
  [
    'numeric equality with an exponent',
    { detail: { 'x-limit': [{ numeric: ['=', 3.018e2] }] } },
    withDetail({ 'x-limit': 301.8 }),
    true,
  ],
  [
    'numeric on a string never matches',
    { detail: { 'd-count': [{ numeric: ['<', 10] }] } },
    withDetail({ 'd-count': '7' }),
    false,
  ],
  // Exists.
  ['exists true', { detail: { state: [{ exists: true }] } }, EC2_EVENT, true],
  ['exists true, absent', { detail: { 'c-count': [{ exists: true }] } }, EC2_EVENT, false],
  ['exists false, absent', { detail: { 'c-count': [{ exists: false }] } }, EC2_EVENT, true],
  ['exists false, present', { detail: { state: [{ exists: false }] } }, EC2_EVENT, false],
  [
    'exists only sees leaves',
    { detail: { person: [{ exists: false }] } },
    withDetail({ person: { name: 'alice' } }),
    true,
  ],
  // IP addresses, wildcards, $or.
  [
    'cidr inside',
    { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
    withDetail({ sourceIPAddress: '10.0.0.255' }),
    true,
  ],
  [
    'cidr outside',
    { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
    withDetail({ sourceIPAddress: '10.0.1.0' }),
    false,
  ],
  [
    'wildcard',
    { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/myEventBus' },
    true,
  ],
  [
    'wildcard, no match',
    { detail: { FilePath: [{ wildcard: '*/lib/*' }] } },
    withDetail({ FilePath: '/usr/bin/x' }),
    false,
  ],
  [
    '$or: one branch holds',
    {
      detail: {
        $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }],
      },
    },
    withDetail({ 'd-count': 7 }),
    true,
  ],
  [
    '$or: no branch holds',
    {
      detail: {
        $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }],
      },
    },
    withDetail({ 'd-count': 70 }),
    false,
  ],
  [
    'nested pattern over an array of objects',
    { detail: { items: { name: ['b'] } } },
    withDetail({ items: [{ name: 'a' }, { name: 'b' }] }),
    true,
  ],
];

describe('matchesPattern, on AWS documented examples', () => {
  it.each(ROWS)('%s', (_name, pattern, event, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });
});

describe('invalid patterns', () => {
  it.each([
    ['a leaf that is not a list', { source: 'aws.ec2' }, /source must be an object or an array/],
    [
      'an unknown filter',
      { source: [{ 'starts-with': 'aws.' }] },
      /source: unrecognized match type starts-with/,
    ],
    [
      'numeric without pairs',
      { detail: { n: [{ numeric: ['>'] }] } },
      /detail\.n: numeric takes operator\/number pairs/,
    ],
    ['a bad cidr', { detail: { ip: [{ cidr: '10.0.0.0/99' }] } }, /cidr must be an IPv4 block/],
    ['not an object', ['aws.ec2'], /must be a JSON object/],
  ])('%s is refused naming the field', (_name, pattern, message) => {
    expect(() => matchesPattern(pattern, withDetail({ n: 1, ip: '10.0.0.1' }))).toThrow(EventPatternError);
    expect(() => matchesPattern(pattern, withDetail({ n: 1, ip: '10.0.0.1' }))).toThrow(message);
  });
});
