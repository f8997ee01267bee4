/**
 * The layering rule, checked on the import graph of engine/src: no module imports a layer above
 * its own. Layers, top to bottom (CONTRIBUTING.md):
 *
 *   cli -> engine.ts, index.ts, wiring -> console, edge -> deploy, providers -> services
 *   -> protocol, net, template, intrinsics, graph -> runtime
 *
 * Tests and test fixtures may assemble upper layers to exercise a lower one, so only the modules
 * the engine runs are checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(SRC, '../..');

const RANK: Readonly<Record<string, number>> = {
  runtime: 0,
  protocol: 1,
  net: 1,
  template: 1,
  intrinsics: 1,
  graph: 1,
  services: 2,
  deploy: 3,
  providers: 3,
  console: 4,
  edge: 4,
  wiring: 5,
  'engine.ts': 5,
  'index.ts': 5,
  cli: 6,
};

/**
 * Upward imports that exist today, each owned by the folder's reshaping: remove an entry when the
 * import goes, and never add one. Keys are `importer -> imported` (repository paths).
 */
const KNOWN_EXCEPTIONS: ReadonlySet<string> = new Set([
  // The CloudFormation API reads the deployer's types and errors.
  'engine/src/services/cloudformation/service.ts -> engine/src/deploy/deploy-error.ts',
  'engine/src/services/cloudformation/service.ts -> engine/src/deploy/types.ts',
  'engine/src/services/cloudformation/operations/create-change-set.ts -> engine/src/deploy/stack-name.ts',
  'engine/src/services/cloudformation/operations/create-stack.ts -> engine/src/deploy/stack-name.ts',
  'engine/src/services/cloudformation/store.ts -> engine/src/deploy/change-set.ts',
  'engine/src/services/cloudformation/stack-control.ts -> engine/src/deploy/change-set.ts',
  'engine/src/services/cloudformation/stack-control.ts -> engine/src/deploy/types.ts',
  // The console reads the stack through the CLI's AWS helpers.
  'engine/src/console/index.ts -> cli/src/aws/target.ts',
  'engine/src/console/source.ts -> cli/src/aws/fire-rule.ts',
  'engine/src/console/source.ts -> cli/src/aws/query-requests.ts',
  'engine/src/console/source.ts -> cli/src/aws/redrive.ts',
  'engine/src/console/source.ts -> cli/src/aws/stack-handles.ts',
  'engine/src/console/source.ts -> cli/src/aws/target.ts',
]);

/** Modules that exist only for tests (the conventions' `*.fixture.ts`, and names not yet renamed). */
const TEST_ONLY =
  /(\.test\.ts|\.fixture\.ts|[/\\]test-support[/\\].*|[/\\](testing|test-support|test-context|fake-cloud|handler-harness|test-events)\.ts)$/;

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const SPECIFIER =
  /(?:^|\s)(?:import|export)\s[^'"`;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm;

/** Relative imports of a module, resolved to absolute paths. */
function importsOf(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier?.startsWith('.')) found.push(resolve(dirname(file), specifier));
  }
  return found;
}

/** The layer of a path: its first folder under engine/src (or the top-level file), or `cli`. */
function layerOf(path: string): string | undefined {
  const fromRepo = relative(REPO, path).split(sep);
  if (fromRepo[0] === 'cli') return 'cli';
  if (fromRepo[0] !== 'engine' || fromRepo[1] !== 'src') return undefined;
  return fromRepo[2];
}

function violations(): string[] {
  const found: string[] = [];
  for (const file of modules(SRC)) {
    if (TEST_ONLY.test(file)) continue;
    const from = layerOf(file);
    const fromRank = from === undefined ? undefined : RANK[from];
    if (fromRank === undefined) {
      found.push(`${relative(REPO, file)} is in no layer: add its folder to RANK and CONTRIBUTING.md`);
      continue;
    }
    for (const target of importsOf(file, readFileSync(file, 'utf8'))) {
      const to = layerOf(target);
      const toRank = to === undefined ? undefined : RANK[to];
      if (toRank === undefined || toRank <= fromRank) continue;
      const edge = `${relative(REPO, file)} -> ${relative(REPO, target)}`.split(sep).join('/');
      if (!KNOWN_EXCEPTIONS.has(edge)) found.push(`${edge} (${from} imports ${to}, a layer above it)`);
    }
  }
  return found;
}

describe('engine layering', () => {
  it('has no module importing a layer above its own', () => {
    expect(violations()).toEqual([]);
  });

  it('reads the imports the check relies on', () => {
    // An upward import written in each form the check parses is found.
    const file = join(SRC, 'services', 'x', 'y.ts');
    const text = [
      "import type { A } from '../../edge/a.ts';",
      "export { B } from '../../wiring/b.ts';",
      "const c = await import('../../engine.ts');",
      "import '../../console/d.ts';",
      "import { e } from 'node:fs';",
    ].join('\n');
    expect(importsOf(file, text).map((p) => layerOf(p))).toEqual(['edge', 'wiring', 'engine.ts', 'console']);
  });

  it('lists only exceptions that still exist', () => {
    const present = new Set<string>();
    for (const file of modules(SRC)) {
      for (const target of importsOf(file, readFileSync(file, 'utf8'))) {
        present.add(`${relative(REPO, file)} -> ${relative(REPO, target)}`.split(sep).join('/'));
      }
    }
    expect([...KNOWN_EXCEPTIONS].filter((edge) => !present.has(edge))).toEqual([]);
  });
});
