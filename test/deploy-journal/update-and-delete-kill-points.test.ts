import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, type RunningCloud, startCliCloud } from '../support/cli-process.fixture.ts';
import { copyDataDir, inBatches, upUntilKilled } from '../support/kill-points.fixture.ts';
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

async function post(apiUrl: string, body: unknown): Promise<{ status: number; requestId?: string }> {
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as { requestId?: string };
  return { status: response.status, ...(json.requestId ? { requestId: json.requestId } : {}) };
}

/** The alarms and their topic, which the smaller template drops: an update that deletes six resources. */
const DROPPED = [
  'AlarmTopic',
  'AlarmTopicPolicy',
  'AlarmEmailSubscription',
  'ApiGateway5XXAlarm',
  'LambdaErrorsAlarm',
  'LambdaThrottlesAlarm',
  'DeadLetterQueueAlarm',
];

interface PointResult {
  readonly killAt: number;
  readonly killed: boolean;
  readonly after?: StackCensus;
  readonly stored?: boolean;
  readonly resumed?: boolean;
}

/**
 * Kills `tapstack up <args>` on a copy of the deployed baseline before each journal entry in
 * `points`, restarts it with the same arguments, and reports what the restarted cloud holds.
 */
function killAndRestart(baseline: string, args: readonly string[], points: readonly number[]) {
  // One at a time: every copy of the baseline serves its API on the port the baseline persisted.
  return inBatches(points, 1, async (killAt): Promise<PointResult> => {
    const dataDir = copyDataDir(baseline, `tapstack-kill-u${killAt}-`);
    dirs.push(dataDir);
    const first = await upUntilKilled(dataDir, args, killAt);
    if (!first.killed) {
      await stop(first.cloud);
      return { killAt, killed: false };
    }
    const cloud = await startCliCloud(dataDir, [...args]);
    try {
      const after = await census(cloud.endpointUrl);
      const posted = await post(cloud.apiUrl, { after: 'kill', killAt });
      const stored = posted.requestId
        ? await isStored(cloud.endpointUrl, TABLE_NAME, posted.requestId)
        : false;
      return {
        killAt,
        killed: true,
        after,
        stored,
        resumed: cloud.output.some((l) => l.includes('Resuming the')),
      };
    } finally {
      await stop(cloud);
    }
  });
}

describe('an update or delete killed at any journal entry', () => {
  let baseline: string;
  let reference: StackCensus;
  let apiUrl: string;

  beforeAll(async () => {
    baseline = mkdtempSync(join(tmpdir(), 'tapstack-kill-base-'));
    dirs.push(baseline);
    const cloud = await startCliCloud(baseline, [
      '-p',
      'ThrottlingRateLimit=10000',
      '-p',
      'ThrottlingBurstLimit=5000',
    ]);
    reference = await census(cloud.endpointUrl);
    apiUrl = cloud.apiUrl;
    await stop(cloud);
  });

  it('finishes a parameter change (stage and function updated in place) killed before journal entries 1, 2, 3, 5, 6', async () => {
    // Prepare: the stage and the function change (throttling and retention); begin, 2 x (intent, outcome), end.
    const args = [
      '-p',
      'ThrottlingRateLimit=9000',
      '-p',
      'ThrottlingBurstLimit=5000',
      '-p',
      'RequestRetentionDays=30',
    ];
    // Act
    const results = await killAndRestart(baseline, args, [1, 2, 3, 5, 6]);
    // Assess
    const killed = results.filter((r) => r.killed);
    expect(killed.length).toBe(5);
    for (const result of killed) {
      const where = `update killed before journal entry ${result.killAt}`;
      expect(result.after?.status, where).toBe('UPDATE_COMPLETE');
      expect(result.after?.parameters.ThrottlingRateLimit, where).toBe('9000');
      expect(result.after?.parameters.RequestRetentionDays, where).toBe('30');
      expect(result.after?.resources.length, where).toBe(reference.resources.length);
      expect(result.after?.counts, where).toEqual(reference.counts);
      expect(result.stored, where).toBe(true);
      // Killed before `begin`, nothing was under way: the restart runs the update afresh.
      expect(result.resumed, where).toBe(result.killAt > 1);
    }
  }, 180_000);

  it('finishes deleting removed resources after a kill between a delete and its record', async () => {
    // Prepare: a template without the alarms and their topic; begin, 6 x (intent, outcome), end = 14 entries.
    const template = JSON.parse(readFileSync('lib/TapStack.json', 'utf8')) as {
      Resources: Record<string, unknown>;
    };
    for (const id of DROPPED) delete template.Resources[id];
    const path = join(mkdtempSync(join(tmpdir(), 'tapstack-kill-tpl-')), 'smaller.json');
    dirs.push(join(path, '..'));
    writeFileSync(path, JSON.stringify(template));
    const args = ['--template', path, '-p', 'ThrottlingRateLimit=10000', '-p', 'ThrottlingBurstLimit=5000'];
    // Act: odd entries 3..13 are the outcomes of the six deletes (made, not yet recorded), 14 is `end`.
    const results = await killAndRestart(baseline, args, [3, 7, 11, 13, 14]);
    // Assess
    for (const result of results) {
      const where = `delete killed before journal entry ${result.killAt}`;
      expect(result.killed, where).toBe(true);
      expect(result.after?.status, where).toBe('UPDATE_COMPLETE');
      expect(result.after?.resources.map((r) => r.logicalId).sort(), where).toEqual(
        reference.resources
          .map((r) => r.logicalId)
          .filter((id) => !DROPPED.includes(id))
          .sort(),
      );
      expect(result.after?.counts, where).toEqual({ ...reference.counts, alarms: 0, topics: 0 });
      expect(result.stored, where).toBe(true);
    }
  }, 180_000);

  it('loses no acknowledged request when killed mid-update with requests in flight', async () => {
    // Prepare: load on the API (its port is kept in the data directory) before the update starts.
    const dataDir = copyDataDir(baseline, 'tapstack-kill-load-');
    dirs.push(dataDir);
    const args = ['-p', 'ThrottlingRateLimit=9000', '-p', 'ThrottlingBurstLimit=5000'];
    const acknowledged: string[] = [];
    let running = true;
    const worker = async (n: number) => {
      for (let i = 0; running; i++) {
        try {
          const result = await post(apiUrl, { worker: n, i });
          if (result.status === 200 && result.requestId) acknowledged.push(result.requestId);
        } catch {
          await new Promise((done) => setTimeout(done, 5)); // not listening (yet, or any more)
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, n) => worker(n)));
    // Act: the update is killed between the stage update and its record; the restart resumes it
    // while the load goes on, and is killed too once it has served a while.
    const first = await upUntilKilled(dataDir, args, 3);
    const duringUpdate = acknowledged.length;
    const second = await startCliCloud(dataDir, args);
    const deadline = Date.now() + 15_000;
    while (acknowledged.length < duringUpdate + 100 && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 20));
    }
    second.child.kill('SIGKILL');
    await exited(second.child);
    running = false;
    await load;
    const third = await startCliCloud(dataDir, args);
    // Assess
    try {
      expect(first.killed).toBe(true);
      expect(acknowledged.length).toBeGreaterThanOrEqual(100);
      const missing: string[] = [];
      for (const id of acknowledged) {
        if (!(await isStored(third.endpointUrl, TABLE_NAME, id))) missing.push(id);
      }
      expect(missing).toEqual([]);
      expect((await census(third.endpointUrl)).status).toBe('UPDATE_COMPLETE');
      console.log(`acknowledged during the killed update: ${duringUpdate}, in all: ${acknowledged.length}`);
    } finally {
      await stop(third);
    }
  }, 120_000);
});
