import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, type RunningCloud, startCliCloud } from '../support/cli-process.fixture.ts';
import { inBatches, upUntilKilled } from '../support/kill-points.fixture.ts';
import { TABLE_NAME } from '../support/local-cloud.fixture.ts';
import { census, isStored, type StackCensus } from '../support/stack-census.fixture.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function stop(cloud: RunningCloud): Promise<void> {
  cloud.child.kill('SIGTERM');
  await exited(cloud.child);
}

async function postOnce(apiUrl: string): Promise<{ status: number; requestId?: string }> {
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ after: 'kill' }),
  });
  const body = (await response.json().catch(() => ({}))) as { requestId?: string };
  return { status: response.status, ...(body.requestId ? { requestId: body.requestId } : {}) };
}

/**
 * The first deploy writes 56 journal entries: `begin`, then for each of the 27 resources the
 * template makes (AlarmEmailSubscription's condition is false) an intent (even entries 2..54) and
 * an outcome (odd entries 3..55), then `end` (56). The engine's test hook kills it right before
 * entry k, so an odd k stops it after the provider made the resource but before the journal says
 * so: the case a restart must neither duplicate nor collide with. Even k stop it between steps.
 */
const RESOURCES = 27;
const KILL_POINTS = [1, 2, 30, ...Array.from({ length: RESOURCES }, (_, i) => 2 * i + 3), 56];

describe('a first deploy killed at any journal entry', () => {
  let reference: StackCensus;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-kill-ref-'));
    dirs.push(dataDir);
    const cloud = await startCliCloud(dataDir);
    reference = await census(cloud.endpointUrl);
    await stop(cloud);
  });

  it(`restarts serving a CREATE_COMPLETE stack with each resource once at ${KILL_POINTS.length} kill points`, async () => {
    // Prepare
    expect(reference.status).toBe('CREATE_COMPLETE');
    expect(reference.resources).toHaveLength(RESOURCES);
    const restartMs: number[] = [];
    // Act
    const results = await inBatches(KILL_POINTS, 3, async (killAt) => {
      const dataDir = mkdtempSync(join(tmpdir(), `tapstack-kill-${killAt}-`));
      dirs.push(dataDir);
      const first = await upUntilKilled(dataDir, [], killAt);
      if (!first.killed) {
        await stop(first.cloud);
        return { killAt, killed: false };
      }
      const started = performance.now();
      const cloud = await startCliCloud(dataDir);
      restartMs.push(performance.now() - started);
      try {
        const after = await census(cloud.endpointUrl);
        const post = await postOnce(cloud.apiUrl);
        const stored = post.requestId ? await isStored(cloud.endpointUrl, TABLE_NAME, post.requestId) : false;
        const resumed = cloud.output.some((line) => line.includes('Resuming the create'));
        return { killAt, killed: true, after, post: post.status, stored, resumed };
      } finally {
        await stop(cloud);
      }
    });
    // Assess
    const serving = results.filter((r) => 'stored' in r && r.stored).length;
    const sorted = [...restartMs].sort((a, b) => a - b);
    console.log(
      `kill points: ${results.length}, restarts serving with the POST stored: ${serving}; restart to READY ` +
        `after an interrupted deploy: median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, ` +
        `max ${Math.round(sorted.at(-1) ?? 0)} ms`,
    );
    for (const result of results) {
      expect(result.killed, `kill point ${result.killAt}`).toBe(true);
      if (!('after' in result) || !result.after) continue;
      const where = `kill before journal entry ${result.killAt}`;
      expect(result.after.status, where).toBe('CREATE_COMPLETE');
      expect(result.after.resources.map((r) => r.logicalId).sort(), where).toEqual(
        reference.resources.map((r) => r.logicalId).sort(),
      );
      expect(
        result.after.resources.every((r) => r.status.endsWith('_COMPLETE')),
        where,
      ).toBe(true);
      expect(result.after.counts, where).toEqual(reference.counts);
      expect(result.post, where).toBe(200);
      expect(result.stored, where).toBe(true);
      // Killed before `begin`, nothing was under way: the restart deploys afresh.
      expect(result.resumed, where).toBe(result.killAt > 1);
    }
  }, 600_000);
});
