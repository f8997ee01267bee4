import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readTemplateFunction } from './template-function.ts';

/**
 * Module init time of the template's inline code in a fresh Node process: the time `require`
 * takes (loading the AWS SDK clients and creating them), which is what a Lambda cold start adds
 * before the first event. The baseline is requiring an empty module the same way.
 */
export function measureFunctionInit(runs = 7): {
  bundleBytes: number;
  initMs: number;
  emptyModuleMs: number;
} {
  const fn = readTemplateFunction();
  const dir = resolve('.bench/init');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.js'), fn.code);
  writeFileSync(join(dir, 'empty.js'), 'exports.handler = async () => ({});\n');
  const time = (file: string): number => {
    const script = `const t=performance.now();require(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t));`;
    const env = {
      ...process.env,
      DYNAMODB_TABLE_NAME: 't',
      ARCHIVE_BUCKET_NAME: 'b',
      AWS_REGION: 'us-east-1',
    };
    return Number(execFileSync(process.execPath, ['-e', script], { cwd: dir, env }).toString());
  };
  const median = (values: number[]): number =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const init = Array.from({ length: runs }, () => time(join(dir, 'index.js')));
  const empty = Array.from({ length: runs }, () => time(join(dir, 'empty.js')));
  return { bundleBytes: Buffer.byteLength(fn.code), initMs: median(init), emptyModuleMs: median(empty) };
}
