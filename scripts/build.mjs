// Bundles the `tapstack` CLI into dist/ so `npm start` and the `tapstack` bin start fast (no TS
// compiler at run time). Runs on `npm ci` through the `prepare` script.
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

const entry = 'cli/src/main.ts';
if (!existsSync(entry)) {
  console.log(`build: ${entry} does not exist yet; nothing to bundle`);
} else {
  await build({
    entryPoints: { tapstack: entry, 'lambda-host': 'engine/src/services/lambda/host/host-main.ts' },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
}
