import { describe, expect, it } from 'vitest';
import { decodeBody } from './body.ts';
import type { RequestRecord } from './request-record.ts';
import { BodyTooLargeError, bodyKey, planStorage } from './storage-plan.ts';

function record(body: string | undefined): RequestRecord {
  const decoded = decodeBody(body, false);
  return {
    requestId: 'req-1',
    timestamp: '2026-11-25T20:31:07.123Z',
    item: {
      RequestId: 'req-1',
      ...(decoded ? { Body: decoded.stored, BodySize: decoded.bytes.length } : {}),
    },
    body: decoded,
    contentType: 'text/plain',
  };
}

describe('bodyKey', () => {
  it.each([
    ['request-bodies/', 'request-bodies/2026/11/25/req-1'],
    ['', '2026/11/25/req-1'],
    ['p/q/', 'p/q/2026/11/25/req-1'],
  ])('prefix %j -> %s', (prefix, key) => {
    expect(bodyKey(prefix, '2026-11-25T20:31:07.123Z', 'req-1')).toBe(key);
  });
});

describe('planStorage', () => {
  it('keeps a body inline when the whole item fits', () => {
    // Act
    const plan = planStorage(record('x'.repeat(100)), 'bucket', 'bodies/', 200);

    // Assess
    expect(plan.archive).toBeUndefined();
    expect(plan.item.Body).toBe('x'.repeat(100));
  });

  it('counts the whole item, not just the body, against the limit', () => {
    // Prepare: the body alone fits in 110 bytes, the item (names + id + size) does not.
    const input = record('x'.repeat(100));

    // Act
    const plan = planStorage(input, 'bucket', 'bodies/', 110);

    // Assess
    expect(plan.archive?.key).toBe('bodies/2026/11/25/req-1');
  });

  it('moves an oversized body to S3 with its bytes and content type, leaving a pointer', () => {
    // Act
    const plan = planStorage(record('y'.repeat(500)), 'bucket', 'bodies/', 200);

    // Assess
    expect(plan.item).toEqual({
      RequestId: 'req-1',
      BodySize: 500,
      BodyS3Bucket: 'bucket',
      BodyS3Key: 'bodies/2026/11/25/req-1',
    });
    expect(Buffer.from(plan.archive?.bytes ?? []).toString()).toBe('y'.repeat(500));
    expect(plan.archive?.contentType).toBe('text/plain');
    expect(plan.archive?.bucket).toBe('bucket');
  });

  it('refuses an oversized body when no bucket is configured', () => {
    expect(() => planStorage(record('z'.repeat(500)), undefined, 'bodies/', 200)).toThrow(BodyTooLargeError);
  });

  it('never offloads when there is no body', () => {
    expect(planStorage(record(undefined), 'bucket', 'bodies/', 1).archive).toBeUndefined();
  });
});
