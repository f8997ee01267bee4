import type { BuildOptions } from 'esbuild';

/**
 * The function bundle's esbuild settings, shared by `npm run synth` and the dev loop's incremental
 * rebuilds (`tapstack up --watch`), so both produce the same code for the same sources. Apart from
 * bundle-function.ts so the CLI can read them without loading esbuild at start-up.
 */
export const FUNCTION_BUNDLE_OPTIONS = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  minify: true,
  legalComments: 'none',
  external: ['@aws-sdk/*'],
} as const satisfies BuildOptions;
