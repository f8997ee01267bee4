import { describe, expect, it } from 'vitest';
import { createApp, nagPacks } from './app.ts';
import { FIXTURE_CODE } from './tap-stack.fixture.ts';

describe('cdk-nag', () => {
  it('finds no unacknowledged AwsSolutions or Serverless error or warning', () => {
    // Prepare
    const { stack } = createApp({ functionCode: FIXTURE_CODE, nag: false });
    // Act
    const violations = nagPacks().flatMap((pack) =>
      pack
        .validateScope(stack)
        .violations.map((v) => `${v.ruleName} (${v.severity}) at ${JSON.stringify(v.violatingResources)}`),
    );
    // Assess
    expect(violations).toEqual([]);
  });

  it('still catches a violation, so the empty result above means something', () => {
    // Prepare
    const { stack } = createApp({ functionCode: FIXTURE_CODE, nag: false });
    stack.table.table.pointInTimeRecoverySpecification = { pointInTimeRecoveryEnabled: false };
    // Act
    const rules = nagPacks().flatMap((pack) => pack.validateScope(stack).violations.map((v) => v.ruleName));
    // Assess
    expect(rules).toContain('AwsSolutions-DDB3');
  });

  it('runs as validation plugins in the app, so synthesis succeeds only when clean', () => {
    const { app } = createApp({ functionCode: FIXTURE_CODE });
    expect(() => app.synth()).not.toThrow();
  });
});
