import { describe, expect, it } from 'vitest';
import { checkPrefix, expandPrefix, formatTimestamp, randomString } from './prefix.ts';

const T = Date.UTC(2026, 2, 7, 4, 5, 9);

describe('formatTimestamp', () => {
  it.each([
    ['yyyy/MM/dd/HH', '2026/03/07/04'],
    ['YYYY/MM/dd/HH/', '2026/03/07/04/'],
    ['yyyy-MM-dd-HH-mm-ss', '2026-03-07-04-05-09'],
    ["'year='yyyy'/month='MM", 'year=2026/month=03'],
    ["HH''mm", "04'05"],
    ['yy', '26'],
  ])('formats %s as %s', (pattern, expected) => {
    expect(formatTimestamp(T, pattern)).toBe(expected);
  });

  it.each([['EEE'], ['M'], ["'open"]])('refuses %s', (pattern) => {
    expect(() => formatTimestamp(T, pattern)).toThrow(/pattern/);
  });
});

describe('expandPrefix', () => {
  it.each([
    ['logs/!{timestamp:yyyy/MM/dd}/', {}, 'logs/2026/03/07/'],
    ['a/!{firehose:random-string}/', { randomString: () => 'RND' }, 'a/RND/'],
    [
      'errors/!{firehose:error-output-type}/!{timestamp:yyyy}/',
      { errorOutputType: 'decompression-failed' },
      'errors/decompression-failed/2026/',
    ],
    ['!{timestamp:yyyy}/!{timestamp:HH}/', {}, '2026/04/'],
    ['plain/', {}, 'plain/'],
  ])('expands %s', (template, values, expected) => {
    expect(expandPrefix(template, { timestamp: T, ...values })).toBe(expected);
  });

  it('draws 11 alphanumeric characters for random-string', () => {
    expect(randomString()).toMatch(/^[A-Za-z0-9]{11}$/);
  });
});

describe('checkPrefix', () => {
  it.each([
    ['logs/!{timestamp:yyyy}/', true, undefined],
    ['e/!{firehose:error-output-type}/', true, undefined],
    ['e/!{firehose:error-output-type}/', false, /only allowed in ErrorOutputPrefix/],
    ['p/!{partitionKeyFromQuery:id}/', false, /Dynamic partitioning/],
    ['p/!{nope:x}/', false, /Unknown prefix expression/],
  ])('judges %s', (template, isErrorPrefix, problem) => {
    const check = () => checkPrefix(template, isErrorPrefix);
    if (problem) expect(check).toThrow(problem);
    else expect(check).not.toThrow();
  });
});
