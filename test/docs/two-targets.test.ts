/**
 * "One suite, two targets": every end-to-end file either runs against AWS too (it reaches the stack
 * only through startStackUnderTest's SDK clients and outputs) or is listed as local-only with its
 * reason, so TAPSTACK_TARGET=aws never runs a test that needs the local engine.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCAL_ONLY_FILES } from '../support/target.fixture.ts';

const E2E = readdirSync('test/local-cloud')
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/local-cloud/${f}`);

describe('the end-to-end suite on two targets', () => {
  it('lists only existing files as local-only, each with a reason', () => {
    for (const [file, reason] of Object.entries(LOCAL_ONLY_FILES)) {
      expect(existsSync(file), file).toBe(true);
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('runs every other file through startStackUnderTest, with engine access only behind localOnly', () => {
    const both = E2E.filter((file) => !(file in LOCAL_ONLY_FILES));
    expect(both.length).toBeGreaterThan(0);
    for (const file of both) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).toContain('startStackUnderTest');
      expect(text, file).not.toMatch(/\bstartLocalCloud\(|\bstartCliCloud\(/);
      if (/\.engine\b/.test(text)) expect(text, file).toContain('localOnly(');
    }
  });
});
