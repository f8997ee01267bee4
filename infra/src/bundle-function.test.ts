import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFunction, FUNCTION_ENTRY } from './bundle-function.ts';
import { synthTapStack } from './tap-stack.fixture.ts';

/** Loads CommonJS source the way Lambda loads index.js, recording what it requires. */
function loadCommonJs(
  code: string,
  env: Record<string, string> = {},
): { exports: Record<string, unknown>; required: string[] } {
  const module = { exports: {} as Record<string, unknown> };
  const required: string[] = [];
  const fakeRequire = (name: string): unknown => {
    required.push(name);
    return new Proxy({}, { get: () => class {} });
  };
  // Same realm as Lambda's module wrapper: every Node global is available.
  const fakeProcess = Object.create(process, { env: { value: env } }) as NodeJS.Process;
  new Function('module', 'exports', 'require', 'process', code)(
    module,
    module.exports,
    fakeRequire,
    fakeProcess,
  );
  return { exports: module.exports, required };
}

describe('bundleFunction', () => {
  it('emits minified CommonJS that exports a handler and keeps @aws-sdk external', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    const entry = join(dir, 'index.ts');
    writeFileSync(
      join(dir, 'helper.ts'),
      'export const greet = (name: string): string => `hello ${name}`;\n',
    );
    writeFileSync(
      entry,
      [
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
        "import { greet } from './helper.ts';",
        'export const client = DynamoDBClient;',
        'export const handler = async (): Promise<string> => greet("lambda");',
      ].join('\n'),
    );
    // Act
    const code = bundleFunction(entry);
    const loaded = loadCommonJs(code);
    // Assess
    expect(typeof loaded.exports.handler).toBe('function');
    expect(loaded.required).toContain('@aws-sdk/client-dynamodb');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code.split('\n').length).toBeLessThanOrEqual(2);
  });

  it('refuses a missing entry with a message naming it', () => {
    expect(() => bundleFunction('/nonexistent/index.ts')).toThrow(/\/nonexistent\/index\.ts does not exist/);
  });

  it.skipIf(!existsSync(FUNCTION_ENTRY))(
    'bundles the real function, which loads with the environment the stack gives it',
    () => {
      // Prepare: the variable names come from the synthesized function, values are placeholders.
      const { template } = synthTapStack();
      const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0] as {
        Properties: { Environment: { Variables: Record<string, unknown> } };
      };
      const names = Object.keys(fn.Properties.Environment.Variables);
      const env = Object.fromEntries(
        names.map((name) => [name, name === 'RETENTION_DAYS' ? '90' : `test-${name}`]),
      );
      // Act
      const loaded = loadCommonJs(bundleFunction(), env);
      // Assess
      expect(typeof loaded.exports.handler).toBe('function');
      expect(
        loaded.required.every(
          (name) => name.startsWith('@aws-sdk/') || name.startsWith('node:') || !name.includes('/'),
        ),
      ).toBe(true);
    },
  );
});
