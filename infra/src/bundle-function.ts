import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { FUNCTION_BUNDLE_OPTIONS } from './bundle-options.ts';

/** Entry point of the request-processor function (exports `handler`). */
export const FUNCTION_ENTRY = fileURLToPath(
  new URL('../../functions/request-processor/src/index.ts', import.meta.url),
);

/**
 * Bundles the function into one minified CommonJS file for `Code.ZipFile`: CloudFormation writes
 * inline code to `index.js`, which Node.js loads as CommonJS, hence handler `index.handler`.
 * `@aws-sdk/*` stays external because the nodejs22.x runtime ships SDK v3.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-function-code.html
 */
export function bundleFunction(entry: string = FUNCTION_ENTRY): string {
  if (!existsSync(entry)) {
    throw new Error(
      `Function entry ${entry} does not exist; the request-processor function must be written first.`,
    );
  }
  const result = buildSync({
    ...FUNCTION_BUNDLE_OPTIONS,
    entryPoints: [entry],
    write: false,
    logLevel: 'warning',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}
