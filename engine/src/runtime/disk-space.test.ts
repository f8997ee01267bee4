import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DiskGuard, formatBytes, parseBytes, statfsFreeSpace } from './disk-space.ts';

describe('DiskGuard', () => {
  it('reads the real free space with statfs', () => {
    const free = statfsFreeSpace(tmpdir());
    expect(Number.isFinite(free)).toBe(true);
    expect(free).toBeGreaterThan(0);
  });

  it('refuses below the floor, warns below the threshold, and reuses a reading for cacheMs', () => {
    let free = 2 * 1024 ** 3;
    let reads = 0;
    let now = 0;
    const guard = new DiskGuard({
      path: '/data',
      source: () => {
        reads++;
        return free;
      },
      floorBytes: 100 * 1024 ** 2,
      warnBelowBytes: 1024 ** 3,
      cacheMs: 1000,
      now: () => now,
    });
    expect(guard.belowFloor()).toBe(false);
    expect(guard.warning()).toBeUndefined();
    free = 500 * 1024 ** 2;
    expect(guard.belowFloor()).toBe(false); // cached reading
    now = 1000;
    expect(guard.warning()).toBe(
      'only 500.0 MB free on the disk of /data (warning below 1.0 GB); writes will be refused below 100.0 MB',
    );
    free = 10;
    now = 2000;
    expect(guard.belowFloor()).toBe(true);
    expect(reads).toBe(3);
  });

  it('never blocks writes on its own failure', () => {
    const guard = new DiskGuard({
      path: '/data',
      source: () => {
        throw new Error('EIO');
      },
    });
    expect(guard.belowFloor()).toBe(false);
  });
});

describe('sizes', () => {
  it.each([
    ['1GB', 1024 ** 3],
    ['100MB', 100 * 1024 ** 2],
    ['1.5 kb', 1536],
    ['0', 0],
    ['2TiB', 2 * 1024 ** 4],
  ])('%s is %d bytes', (text, bytes) => expect(parseBytes(text)).toBe(bytes));

  it.each(['', 'lots', '-1GB', '1PB'])('%s is not a size', (text) =>
    expect(parseBytes(text)).toBeUndefined(),
  );

  it('formats', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('unknown');
  });
});
