import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_PATH } from './render-template.ts';

function cfnLintAvailable(): boolean {
  return spawnSync('cfn-lint', ['--version'], { stdio: 'ignore' }).status === 0;
}

const available = cfnLintAvailable();
const inCi = process.env.CI === 'true';
if (!available && !inCi) {
  console.warn(
    'NOT RUN: cfn-lint is not on PATH, so lib/TapStack.json was NOT linted (pip install cfn-lint)',
  );
}

describe('cfn-lint', () => {
  it.runIf(inCi)('is installed in CI', () => {
    expect(available, 'cfn-lint must be on PATH in CI').toBe(true);
  });

  it.skipIf(!available)('reports zero errors and zero warnings on lib/TapStack.json', () => {
    // Act: a non-zero exit status (errors 2, warnings 4, info 8) throws with the findings.
    let output = '';
    let status = 0;
    try {
      output = execFileSync('cfn-lint', ['--format', 'parseable', TEMPLATE_PATH], { encoding: 'utf8' });
    } catch (error) {
      const failed = error as { status?: number; stdout?: string };
      status = failed.status ?? -1;
      output = failed.stdout ?? '';
    }
    // Assess
    expect(output).toBe('');
    expect(status).toBe(0);
  });
});
