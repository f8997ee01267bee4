// Bundles the `tapstack` CLI and the Lambda host worker into dist/ so `npm start` and the
// `tapstack` bin start fast (no TypeScript compiler at run time). Runs on `npm ci` (the `prepare`
// script) and before `npm start`, where it returns at once when dist/ is newer than every source.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const outputs = ['dist/tapstack.js', 'dist/lambda-host.js'];
const sources = ['cli/src', 'engine/src', 'functions/request-processor/src', 'scripts/build.mjs', 'package-lock.json'];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

const force = process.argv.includes('--force');
const fresh =
  !force &&
  outputs.every((file) => existsSync(file)) &&
  Math.min(...outputs.map((file) => statSync(file).mtimeMs)) > Math.max(...sources.map(newestMtime));

if (!fresh) {
  await build({
    entryPoints: { tapstack: 'cli/src/main.ts', 'lambda-host': 'engine/src/services/lambda/host/host-main.ts' },
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
