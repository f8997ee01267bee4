import { describe, expect, it } from 'vitest';
import { semiSpaceMb, youngGenerationMb } from './heap-sizes.ts';

describe('Lambda heap sizes', () => {
  it.each([
    [128, 6, 18],
    [256, 12, 36],
    [1024, 51, 153],
    [10240, 512, 1536],
  ])('MemorySize %i MB: semi-space %i MB, young generation %i MB', (memory, semi, young) => {
    expect(semiSpaceMb(memory)).toBe(semi);
    expect(youngGenerationMb(memory)).toBe(young);
  });

  it('never gives a semi-space below 1 MB', () => {
    expect(semiSpaceMb(1)).toBe(1);
    expect(youngGenerationMb(1)).toBe(3);
  });
});
