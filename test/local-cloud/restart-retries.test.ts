import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/src/runtime/clock.ts';
import { type LocalCloud, startLocalCloud } from '../support/local-cloud.fixture.ts';
import {
  brokenTableTemplate,
  DAY,
  invocationIds,
  MINUTE,
  quietPeriod,
  readQueue,
  reportCount,
  waitFor,
  waitForReports,
} from '../support/virtual-time.fixture.ts';

const clouds: LocalCloud[] = [];
const dataDirs: string[] = [];
afterEach(async () => {
  for (const cloud of clouds.splice(0)) await cloud.stop();
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(dataDir: string, clock: VirtualClock): Promise<LocalCloud> {
  const cloud = await startLocalCloud({ dataDir, clock, template: brokenTableTemplate() });
  clouds.push(cloud);
  return cloud;
}

describe('a restart in the middle of an async retry schedule', () => {
  it('neither loses nor repeats the event: three attempts in all, one dead letter', async () => {
    // Prepare: the scheduled event fails its first attempt on the first engine.
    const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-restart-'));
    dataDirs.push(dataDir);
    const clock = new VirtualClock(Date.UTC(2026, 4, 1, 6, 0));
    const first = await start(dataDir, clock);
    await clock.advance(DAY);
    await waitForReports(first, 1);
    await first.stop();

    // Act: a new engine on the same data and clock, then the rest of the retry schedule.
    const second = await start(dataDir, clock);
    const queueUrl = second.output('DeadLetterQueueUrl');
    await quietPeriod();
    const attemptsRightAfterRestart = await reportCount(second);
    await clock.advance(MINUTE);
    await waitForReports(second, 2);
    await clock.advance(2 * MINUTE);
    await waitForReports(second, 3);
    const deadLetters = await waitFor('the dead letter', async () => {
      const found = await readQueue(second, queueUrl);
      return found.length > 0 ? found : undefined;
    });
    await clock.advance(15 * MINUTE);
    await quietPeriod();

    // Assess
    expect(second.deployed.action).toBe('NO_CHANGES');
    expect(attemptsRightAfterRestart).toBe(1);
    const ids = await invocationIds(second);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(deadLetters).toHaveLength(1);
    expect(await readQueue(second, queueUrl)).toHaveLength(1);
    expect(deadLetters[0]?.MessageAttributes?.RequestID?.StringValue).toBe(ids[0]);
    expect(JSON.parse(deadLetters[0]?.Body ?? '{}')).toMatchObject({ 'detail-type': 'Scheduled Event' });
  });
});
