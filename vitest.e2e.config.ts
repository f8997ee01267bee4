import { defineConfig, mergeConfig } from 'vitest/config';
import { LOCAL_ONLY_FILES, onAws } from './test/support/target.fixture.ts';
import base from './vitest.config.ts';

// The end-to-end suite (`npm run test:e2e`): against the local cloud by default, against a stack
// deployed on AWS with TAPSTACK_TARGET=aws, where the local-only files are left out, each named
// with its reason.
if (onAws) {
  for (const [file, reason] of Object.entries(LOCAL_ONLY_FILES)) {
    console.warn(`[TAPSTACK_TARGET=aws] skipped, local only: ${file} (${reason})`);
  }
}

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/local-cloud/**/*.test.ts'],
      exclude: onAws ? Object.keys(LOCAL_ONLY_FILES) : [],
      // Requests to AWS cross the internet and a cold function may take seconds.
      ...(onAws ? { testTimeout: 120_000, hookTimeout: 120_000 } : {}),
    },
  }),
);
