// Bundles the `tapstack` CLI into dist/ so `npm start` and the `tapstack` bin start fast (no TS
// compiler at run time). Runs on `npm ci` through the `prepare` script, and before every `npm start`.
// `npm start` on an unchanged checkout skips the bundling: the inputs esbuild read last time are
// listed in dist/inputs.json, and when none is newer than the bundle there is nothing to do (this
// check costs a few milliseconds; loading esbuild and bundling cost ~150 ms of the 1 s start-up).
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';

const entry = 'cli/src/main.ts';
const outputs = ['dist/tapstack.js', 'dist/lambda-host.js'];
const inputsFile = 'dist/inputs.json';

/** True when every output exists and no recorded input (nor this script) changed since. */
function upToDate() {
  if (process.argv.includes('--force') || !existsSync(inputsFile)) return false;
  try {
    const builtAt = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return [...inputs, 'scripts/build.mjs', 'package.json'].every((file) => statSync(file).mtimeMs < builtAt);
  } catch {
    // A missing output or input (a file was deleted or renamed): build.
    return false;
  }
}

if (!existsSync(entry)) {
  console.log(`build: ${entry} does not exist yet; nothing to bundle`);
} else if (!upToDate()) {
  const { build } = await import('esbuild');
  const result = await build({
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
    metafile: true,
  });
  writeFileSync(inputsFile, JSON.stringify(Object.keys(result.metafile.inputs)));
}

// The bundle is the package's bin: npm sets its execute bit only when it links the package, so a
// rebuild that rewrote it without the bit made `npx tapstack` fail with "Permission denied".
// Setting it on every run (even when nothing was rebuilt) also repairs a bundle left without it.
if (existsSync(outputs[0])) chmodSync(outputs[0], 0o755);

// The console page (console/ -> dist/console/): one minified script and stylesheet with uPlot
// inside, and index.html. Nothing is loaded from elsewhere, so it works offline.
const consoleInputs = 'dist/console/inputs.json';
const consoleOutputs = ['dist/console/app.js', 'dist/console/app.css', 'dist/console/index.html'];
function consoleUpToDate() {
  if (process.argv.includes('--force') || !existsSync(consoleInputs)) return false;
  try {
    const builtAt = Math.min(...consoleOutputs.map((file) => statSync(file).mtimeMs));
    const inputs = JSON.parse(readFileSync(consoleInputs, 'utf8'));
    return [...inputs, 'console/index.html', 'scripts/build.mjs'].every(
      (file) => statSync(file).mtimeMs < builtAt,
    );
  } catch {
    return false;
  }
}
if (existsSync('console/src/main.ts') && !consoleUpToDate()) {
  const { build } = await import('esbuild');
  mkdirSync('dist/console', { recursive: true });
  const result = await build({
    entryPoints: { app: 'console/src/main.ts' },
    outdir: 'dist/console',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  copyFileSync('console/index.html', 'dist/console/index.html');
  writeFileSync(consoleInputs, JSON.stringify(Object.keys(result.metafile.inputs)));
}
