/** The console page's row list (console/src/views/row-list.ts): newest first, live rows on top, the window's first read below. */
import { describe, expect, it } from 'vitest';
import { type Row, RowList } from '../../console/src/views/row-list.ts';

const row = (id: string, second: number, status = 200): Row => [
  id,
  `2026-05-01T12:00:${String(second).padStart(2, '0')}.000Z`,
  'POST',
  '/orders',
  'API Gateway',
  '127.0.0.1',
  2,
  status,
];
const ids = (list: RowList): string[] =>
  Array.from({ length: list.length }, (_, i) => list.at(i)?.[0] ?? 'missing');

describe('RowList', () => {
  it('keeps newest first across the first read (older slices at the bottom) and live rows (on top, sorted)', () => {
    const list = new RowList();
    list.addOlder([row('r5', 5), row('r4', 4)]);
    list.addOlder([row('r2', 2), row('r1', 1)]);
    list.addNewer([row('n8', 8), row('n6', 6), row('n7', 7)]);
    list.addNewer([row('n9', 9)]);
    expect(ids(list)).toEqual(['n9', 'n8', 'n7', 'n6', 'r5', 'r4', 'r2', 'r1']);
    expect(list.at(list.length)).toBeUndefined();
    expect(list.indexOf('r5')).toBe(4);
    expect(list.indexOf('absent')).toBe(-1);
  });

  it('filters into a list of the same order that takes further rows the same way', () => {
    const list = new RowList();
    list.addOlder([row('ok', 3), row('bad', 2, 500), row('ok2', 1)]);
    list.addNewer([row('new-bad', 9, 502)]);
    const failing = list.filter((r) => r[7] >= 500);
    expect(ids(failing)).toEqual(['new-bad', 'bad']);
    failing.addNewer([row('later-bad', 10, 503)]);
    expect(ids(failing)).toEqual(['later-bad', 'new-bad', 'bad']);
    // The source list is unchanged by its filtered copy.
    expect(list.length).toBe(4);
  });
});
