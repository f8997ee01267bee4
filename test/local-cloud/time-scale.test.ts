/**
 * `tapstack up --time-scale N` speeds emulated time only: a request through the API still gets its
 * real 30 s integration timeout (runtime/clock.ts states the rule), so it is answered by the
 * function, not with a 503, even when 30 emulated seconds pass in ~10 ms (N = 2880).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, startCliCloud } from '../support/cli-process.fixture.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.each([600, 2880])('tapstack up --time-scale %i', (scale) => {
  it('answers API requests from the function while emulated time runs fast', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-scale-'));
    dirs.push(dataDir);
    const cloud = await startCliCloud(dataDir, ['--time-scale', String(scale)], 60_000);
    try {
      const statuses: number[] = [];
      let timestamp = '';
      for (let i = 0; i < 3; i++) {
        const response = await fetch(cloud.apiUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ scale, i }),
        });
        statuses.push(response.status);
        timestamp = ((await response.json()) as { timestamp: string }).timestamp;
      }

      expect(statuses).toEqual([200, 200, 200]);
      // The function sees emulated time: well ahead of the wall clock after the start-up's seconds.
      expect(Date.parse(timestamp) - Date.now()).toBeGreaterThan(30_000);
    } finally {
      cloud.child.kill('SIGTERM');
      await exited(cloud.child);
    }
  });
});
