import { describe, expect, it } from 'vitest';
import { dueAt, type LifecycleAction, planLifecycle } from './lifecycle.ts';
import type { LifecycleRule, ObjectVersion, VersioningStatus } from './model.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 15, 10, 30);

const version = (versionId: string, lastModified: number, deleteMarker = false): ObjectVersion => ({
  versionId,
  deleteMarker,
  lastModified,
  etag: deleteMarker ? '' : '"x"',
  size: 0,
});

const rule = (overrides: Partial<LifecycleRule>): LifecycleRule => ({
  status: 'Enabled',
  prefix: '',
  ...overrides,
});

describe('dueAt', () => {
  it('adds the days and rounds up to the next midnight UTC', () => {
    expect(new Date(dueAt(T0, 3)).toISOString()).toBe('2026-01-19T00:00:00.000Z');
    expect(dueAt(Date.UTC(2026, 0, 1), 1)).toBe(Date.UTC(2026, 0, 2));
  });
});

describe('planLifecycle', () => {
  it('aborts multipart uploads left incomplete for DaysAfterInitiation', () => {
    // Prepare
    const upload = { uploadId: 'u1', key: 'big', initiatedAt: T0, parts: {} };
    const view = {
      versioning: 'Unversioned' as const,
      objects: new Map(),
      uploads: new Map([['u1', upload]]),
    };
    const rules = [rule({ abortIncompleteMultipartUploadDays: 7 })];

    // Act
    const early = planLifecycle(view, rules, dueAt(T0, 7) - 1);
    const due = planLifecycle(view, rules, dueAt(T0, 7));

    // Assess
    expect(early).toEqual([]);
    expect(due).toEqual([{ kind: 'abortUpload', key: 'big', uploadId: 'u1' }]);
  });

  const cases: {
    name: string;
    versioning: VersioningStatus;
    versions: ObjectVersion[];
    rules: LifecycleRule[];
    now: number;
    expected: LifecycleAction[];
  }[] = [
    {
      name: 'expires a current version once its days have passed',
      versioning: 'Enabled',
      versions: [version('v1', T0)],
      rules: [rule({ expirationDays: 3 })],
      now: Date.UTC(2026, 0, 19),
      expected: [{ kind: 'expireCurrent', key: 'k' }],
    },
    {
      name: 'keeps a current version one millisecond before it is due',
      versioning: 'Unversioned',
      versions: [version('null', T0)],
      rules: [rule({ expirationDays: 3 })],
      now: Date.UTC(2026, 0, 19) - 1,
      expected: [],
    },
    {
      name: 'skips disabled rules',
      versioning: 'Unversioned',
      versions: [version('null', T0)],
      rules: [rule({ expirationDays: 1, status: 'Disabled' })],
      now: T0 + 10 * DAY,
      expected: [],
    },
    {
      name: 'skips keys outside the rule prefix',
      versioning: 'Unversioned',
      versions: [version('null', T0)],
      rules: [rule({ expirationDays: 1, prefix: 'logs/' })],
      now: T0 + 10 * DAY,
      expected: [],
    },
    {
      name: 'does not expire a delete marker as if it were a current version',
      versioning: 'Enabled',
      versions: [version('m', T0 + DAY, true), version('v1', T0)],
      rules: [rule({ expirationDays: 1 })],
      now: T0 + 3 * DAY,
      expected: [],
    },
    {
      name: 'counts noncurrent days from when the newer version was written',
      versioning: 'Enabled',
      versions: [version('v2', T0 + 5 * DAY), version('v1', T0)],
      rules: [rule({ noncurrentDays: 2 })],
      now: dueAt(T0 + 5 * DAY, 2),
      expected: [{ kind: 'deleteVersion', key: 'k', versionId: 'v1' }],
    },
    {
      name: 'keeps the newest noncurrent versions NewerNoncurrentVersions asks for',
      versioning: 'Enabled',
      versions: [version('v4', T0 + 3), version('v3', T0 + 2), version('v2', T0 + 1), version('v1', T0)],
      rules: [rule({ noncurrentDays: 1, newerNoncurrentVersions: 1 })],
      now: T0 + 5 * DAY,
      expected: [
        { kind: 'deleteVersion', key: 'k', versionId: 'v2' },
        { kind: 'deleteVersion', key: 'k', versionId: 'v1' },
      ],
    },
    {
      name: 'removes a lone expired delete marker when asked to',
      versioning: 'Enabled',
      versions: [version('m', T0, true)],
      rules: [rule({ expiredObjectDeleteMarker: true })],
      now: T0,
      expected: [{ kind: 'deleteVersion', key: 'k', versionId: 'm' }],
    },
    {
      name: 'keeps a delete marker that still has noncurrent versions behind it',
      versioning: 'Enabled',
      versions: [version('m', T0, true), version('v1', T0 - DAY)],
      rules: [rule({ expiredObjectDeleteMarker: true })],
      now: T0 + 100 * DAY,
      expected: [],
    },
    {
      name: 'removes lone delete markers under an age-based Expiration too',
      versioning: 'Enabled',
      versions: [version('m', T0, true)],
      rules: [rule({ expirationDays: 30 })],
      now: T0,
      expected: [{ kind: 'deleteVersion', key: 'k', versionId: 'm' }],
    },
  ];

  it.each(cases)('$name', ({ versioning, versions, rules, now, expected }) => {
    // Act
    const actions = planLifecycle({ versioning, objects: new Map([['k', versions]]) }, rules, now);

    // Assess
    expect(actions).toEqual(expected);
  });
});
