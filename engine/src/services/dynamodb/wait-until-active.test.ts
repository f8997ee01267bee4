import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { DynamoDbService } from './service.ts';
import type { TableDescriptionJson } from './table-description.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('waiting for a table to become ACTIVE', () => {
  it('keeps waiting past a thousand polls while the table is still CREATING (a loaded machine)', async () => {
    // Prepare: the table reports CREATING for 1500 polls, then ACTIVE.
    const service = await DynamoDbService.open({
      dataDir: mkdtempSync(join(tmpdir(), 'ddb-active-')),
      clock: new VirtualClock(),
      account: DEFAULT_ACCOUNT,
    });
    let polls = 0;
    vi.spyOn(service, 'describeTable').mockImplementation(async () => {
      polls++;
      return { TableName: 't', TableStatus: polls > 1500 ? 'ACTIVE' : 'CREATING' } as TableDescriptionJson;
    });

    // Act
    const table = await service.waitUntilActive('t');

    // Assess
    expect(table.TableStatus).toBe('ACTIVE');
    expect(polls).toBe(1501);
    await service.close();
  });
});
