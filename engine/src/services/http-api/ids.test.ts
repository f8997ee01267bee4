import { describe, expect, it } from 'vitest';
import { requestId } from './ids.ts';

describe('request ids', () => {
  it('are 16 base64 characters and never repeat across pool refills', () => {
    // Act: well past one 4 KiB pool of 11-byte ids.
    const ids = Array.from({ length: 2_000 }, () => requestId());

    // Assess
    expect(ids.every((id) => /^[A-Za-z0-9+/]{15}=$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
