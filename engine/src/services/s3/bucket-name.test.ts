import { describe, expect, it } from 'vitest';
import { bucketNameProblem } from './bucket-name.ts';

describe('bucketNameProblem', () => {
  it.each([
    ['tapstack-archive-123', undefined],
    ['a.b-c', undefined],
    ['abc', undefined],
    ['ab', 'must be 3 to 63 characters long'],
    ['a'.repeat(64), 'must be 3 to 63 characters long'],
    ['My-Bucket', 'may only contain lowercase letters, digits, dots and hyphens'],
    ['under_score', 'may only contain lowercase letters, digits, dots and hyphens'],
    ['-abc', 'must begin and end with a letter or digit'],
    ['abc.', 'must begin and end with a letter or digit'],
    ['a..b', 'must not contain two adjacent periods'],
    ['192.168.5.4', 'must not be formatted as an IP address'],
    ['xn--abc', 'must not start with xn--'],
    ['sthree-abc', 'must not start with sthree-'],
    ['amzn-s3-demo-bucket', 'must not start with amzn-s3-demo-'],
    ['abc-s3alias', 'must not end with -s3alias'],
    ['abc--ol-s3', 'must not end with --ol-s3'],
    ['abc.mrap', 'must not end with .mrap'],
    ['abc--x-s3', 'must not end with --x-s3'],
  ])('judges %s as %s', (name, expected) => {
    // Act
    const problem = bucketNameProblem(name);

    // Assess
    expect(problem).toBe(expected);
  });
});
