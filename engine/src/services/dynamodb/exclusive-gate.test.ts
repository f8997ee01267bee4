import { describe, expect, it } from 'vitest';
import { ExclusiveGate } from './exclusive-gate.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ExclusiveGate', () => {
  it('runs an exclusive section only after the shared work in flight, and holds new shared work until it ends', async () => {
    // Prepare
    const gate = new ExclusiveGate();
    const order: string[] = [];
    let finishFirst = (): void => {};
    const first = gate.shared(
      () =>
        new Promise<void>((resolve) => {
          finishFirst = () => {
            order.push('shared-1 end');
            resolve();
          };
        }),
    );
    // Act
    const exclusive = gate.exclusive(async () => {
      order.push('exclusive start');
      await tick();
      order.push('exclusive end');
    });
    const second = gate.shared(async () => {
      order.push('shared-2');
    });
    await tick();
    finishFirst();
    await Promise.all([first, exclusive, second]);
    // Assess
    expect(order).toEqual(['shared-1 end', 'exclusive start', 'exclusive end', 'shared-2']);
  });

  it('releases the gate when the exclusive work fails', async () => {
    // Prepare
    const gate = new ExclusiveGate();
    // Act
    const failed = gate.exclusive(async () => {
      throw new Error('boom');
    });
    // Assess
    await expect(failed).rejects.toThrow('boom');
    await expect(gate.shared(async () => 'after')).resolves.toBe('after');
  });
});
