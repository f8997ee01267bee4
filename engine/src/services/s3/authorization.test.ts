import { describe, expect, it } from 'vitest';
import { s3CopyTargets } from './authorization.ts';

describe('s3CopyTargets', () => {
  it.each([
    [
      'src/a b.txt',
      [
        { action: 's3:GetObject', resource: 'arn:aws:s3:::src/a b.txt' },
        { action: 's3:PutObject', resource: 'arn:aws:s3:::dst/k' },
      ],
    ],
    [
      '/src/a%20b.txt?versionId=v1',
      [
        { action: 's3:GetObjectVersion', resource: 'arn:aws:s3:::src/a b.txt' },
        { action: 's3:PutObject', resource: 'arn:aws:s3:::dst/k' },
      ],
    ],
    ['no-key', [{ action: 's3:PutObject', resource: 'arn:aws:s3:::dst/k' }]],
  ])('a copy from %s needs read on the source and write on the destination', (source, expected) => {
    expect(s3CopyTargets('dst', 'k', source)).toEqual(expected);
  });
});
