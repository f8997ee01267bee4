import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Engine } from '../../../engine/src/index.ts';
import { startDevLoop } from './dev-loop.ts';

/** The template `npm run synth` writes; with it and a CDK app the dev loop re-synthesizes on infra/ saves. */
const SYNTH_TEMPLATE = 'lib/TapStack.json';

/**
 * `up --watch`'s hook: the project is the current folder; with the CDK app (infra/src/synth.ts)
 * and the template it writes, infra/ is watched and re-synthesized; with any other `--template`,
 * that file is watched. The loop stops with the process (Ctrl-C closes the engine).
 */
export async function startWatching(args: {
  readonly engine: Engine;
  readonly options: { readonly template: string; readonly stackName: string };
  readonly parameters: Readonly<Record<string, string>>;
  readonly color: boolean;
}): Promise<void> {
  const root = process.cwd();
  const templatePath = resolve(args.options.template);
  const cdkApp =
    templatePath === resolve(root, SYNTH_TEMPLATE) && existsSync(join(root, 'infra', 'src', 'synth.ts'));
  const loop = await startDevLoop({
    engine: args.engine,
    root,
    stackName: args.options.stackName,
    parameters: args.parameters,
    templatePath,
    cdkApp,
    color: args.color,
    print: (line) => console.log(line),
  });
  // Ends esbuild's service process with us (up's own handler closes the engine and exits).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void loop.close());
}
