import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('readConfig', () => {
  it('applies the defaults', () => {
    expect(readConfig({ DYNAMODB_TABLE_NAME: 't' })).toEqual({
      tableName: 't',
      bucketName: undefined,
      bodyPrefix: 'request-bodies/',
      retentionDays: 90,
    });
  });

  it('reads every variable', () => {
    expect(
      readConfig({
        DYNAMODB_TABLE_NAME: 't',
        ARCHIVE_BUCKET_NAME: 'b',
        BODY_PREFIX: 'x/',
        RETENTION_DAYS: '30',
      }),
    ).toEqual({ tableName: 't', bucketName: 'b', bodyPrefix: 'x/', retentionDays: 30 });
  });

  it.each([
    [{}, /DYNAMODB_TABLE_NAME/],
    [{ DYNAMODB_TABLE_NAME: 't', RETENTION_DAYS: '0' }, /RETENTION_DAYS/],
    [{ DYNAMODB_TABLE_NAME: 't', RETENTION_DAYS: '1.5' }, /RETENTION_DAYS/],
    [{ DYNAMODB_TABLE_NAME: 't', RETENTION_DAYS: 'ninety' }, /RETENTION_DAYS/],
  ])('rejects %j', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
