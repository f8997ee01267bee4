import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Where the host worker's code is. In the esbuild bundle (dist/tapstack.js) it is
 * dist/lambda-host.js beside the bundle; from TypeScript sources (vitest, tsx) it is host-main.ts.
 */
export function defaultHostEntry(): URL {
  const bundled = new URL('./lambda-host.js', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return bundled;
  return new URL('./host/host-main.ts', import.meta.url);
}

/** The nearest node_modules above this file (the project's), where functions' `require` looks. */
export function defaultNodeModulesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'node_modules');
    dir = parent;
  }
}

/**
 * Starts a worker on `entry`. A `.ts` entry runs through tsx's loader, registered inside the worker
 * by a small bootstrap: on Node 20 a worker's `execArgv: ['--import', 'tsx']` does not apply the
 * loader to the worker's own entry, so the bootstrap registers it and then imports the entry.
 */
export function spawnWorker(entry: string | URL, options: WorkerOptions): Worker {
  const url =
    typeof entry === 'string' ? (entry.startsWith('file:') ? new URL(entry) : pathToFileURL(entry)) : entry;
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const api = tsxApiUrl();
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } } | string>;
  };
  const entry = manifest.exports['./esm/api'];
  const relative = typeof entry === 'object' ? entry.import?.default : undefined;
  if (!relative) throw new Error('tsx does not export ./esm/api; cannot run the lambda host from TypeScript');
  return pathToFileURL(join(dirname(manifestPath), relative)).href;
}
