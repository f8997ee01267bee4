/**
 * `--retention-scale N` (a local deviation for load tests): log retention and S3 lifecycle days
 * last 1/N of what the template declares.
 */
import { describe, expect, it } from 'vitest';
import { retentionCutoff } from '../services/logs/retention.ts';
import { dueAt, planLifecycle } from '../services/s3/lifecycle.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('retention scale', () => {
  it('divides log retention: 7 days at scale 168 is one hour', () => {
    const now = Date.UTC(2026, 0, 10);
    expect(retentionCutoff(now, 7)).toBe(now - 7 * DAY);
    expect(retentionCutoff(now, 7, 168)).toBe(now - HOUR);
  });

  it('divides lifecycle days (rounded to the next scaled midnight, as S3 rounds to midnight UTC)', () => {
    const start = Date.UTC(2026, 0, 15, 10, 30);
    expect(dueAt(start, 3)).toBe(Date.UTC(2026, 0, 19));
    expect(dueAt(start, 90, HOUR)).toBe(Math.ceil((start + 90 * HOUR) / HOUR) * HOUR);
    const view = {
      versioning: 'Unversioned' as const,
      objects: new Map([
        ['access-logs/a', [{ versionId: 'null', lastModified: start, etag: '"e"', size: 1 }]],
      ]),
    };
    const rules = [{ id: 'r', status: 'Enabled' as const, prefix: '', expirationDays: 90 }];
    expect(planLifecycle(view as never, rules as never, start + 91 * HOUR, HOUR)).toEqual([
      { kind: 'expireCurrent', key: 'access-logs/a' },
    ]);
    expect(planLifecycle(view as never, rules as never, start + 91 * HOUR)).toEqual([]);
  });
});
