import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{infra,functions,engine,cli}/**/*.test.ts', 'test/**/*.test.ts'],
    // Two cores: forks isolate engines that bind ports and own worker threads.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
