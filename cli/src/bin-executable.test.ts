import { execFile } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = 'dist/tapstack.js';

describe('the package bin', () => {
  it('is left executable by the build, even when a previous step dropped the execute bit', async () => {
    // dist/ is built by test/support/global-setup.ts; drop the bit as an editor or copy would.
    chmodSync(BIN, 0o644);

    await run(process.execPath, ['scripts/build.mjs'], { timeout: 60_000 });

    expect(statSync(BIN).mode & 0o111).toBe(0o111);
    // Run it the way npx does: as a program, through its #! line.
    const { stdout } = await run(BIN, ['--help'], { timeout: 60_000 });
    expect(stdout).toContain('Usage: tapstack');
  });
});
