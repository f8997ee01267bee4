import { describe, expect, it } from 'vitest';
import { type Item, itemSizeBytes } from './item.ts';

describe('itemSizeBytes', () => {
  it.each<{ name: string; item: Item; expected: number }>([
    { name: 'string: name + UTF-8 bytes', item: { Id: 'abc' }, expected: 2 + 3 },
    { name: 'multi-byte string', item: { B: 'é👋' }, expected: 1 + 6 },
    { name: 'number: one byte per two digits + 1', item: { N: 1_700_000_000 }, expected: 1 + (1 + 1) },
    { name: 'number with significant digits', item: { N: 1_234_567_890 }, expected: 1 + (5 + 1) },
    { name: 'empty list', item: { L: [] }, expected: 1 + 3 },
    { name: 'list: 3 + (1 + bytes) each', item: { L: ['ab', 'c'] }, expected: 1 + 3 + (1 + 2) + (1 + 1) },
    { name: 'map: 3 + (1 + name + value) each', item: { M: { k: 'vv' } }, expected: 1 + 3 + (1 + 1 + 2) },
    { name: 'sum over attributes', item: { A: 'x', BB: 'yy' }, expected: 2 + 4 },
  ])('$name', ({ item, expected }) => {
    expect(itemSizeBytes(item)).toBe(expected);
  });
});
