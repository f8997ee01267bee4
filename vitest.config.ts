import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    include: ['{infra,functions,engine,cli}/**/*.test.ts', 'test/**/*.test.ts'],
    // Two cores: forks isolate engines that bind ports and own worker threads.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // The SDK warns once per process that releases after early 2027 need Node 22; the function runs
    // on nodejs22.x in AWS, and the warning would bury test output here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
