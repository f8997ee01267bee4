import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Engine, zipSource } from '../../../engine/src/index.ts';
import { formatChange } from '../format/change-set.ts';
import { formatEngineStackEvent } from '../format/stack-event.ts';
import { paint } from '../format/style.ts';
import { FileWatcher, shown } from './file-watcher.ts';
import { FunctionBuilder } from './function-builder.ts';
import { type FunctionTarget, findFunctionTarget, functionNameOf } from './function-target.ts';
import { computeStackChanges } from './stack-changes.ts';
import { storedData } from './stored-data.ts';
import { synthesize } from './synth.ts';
import { refreshTemplateCode } from './template-code.ts';

export interface DevLoopOptions {
  readonly engine: Engine;
  /** The project folder (functions/, infra/, lib/). */
  readonly root: string;
  readonly stackName: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** The template the stack runs; in CDK mode `npm run synth` rewrites it. */
  readonly templatePath: string;
  /** True: watch infra/ and re-synthesize; false: watch the template file itself. */
  readonly cdkApp: boolean;
  readonly color: boolean;
  readonly print: (line: string) => void;
}

export interface DevLoop {
  close(): Promise<void>;
}

interface WatchedFunction {
  readonly builder: FunctionBuilder;
  target?: FunctionTarget;
  lastCode?: string;
}

const time = (): string => new Date().toISOString().slice(11, 19);

/** Function entries: functions/<name>/src/index.ts, one bundle each (as infra bundles them). */
function functionEntries(root: string): string[] {
  const dir = join(root, 'functions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => join(dir, name, 'src', 'index.ts'))
    .filter((path) => existsSync(path));
}

/**
 * `tapstack up --watch`: after the stack is up, every save is applied to the running local cloud.
 * A function source save rebuilds the bundle incrementally and replaces the function's code
 * through Lambda's UpdateFunctionCode path; an infrastructure save re-synthesizes (or re-reads
 * the template), prints the change set and applies it as a stack update. Work runs one task at a
 * time; a failure is printed and watching goes on.
 */
export async function startDevLoop(options: DevLoopOptions): Promise<DevLoop> {
  const { engine, root, stackName, print, color } = options;
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>): void => {
    queue = queue.then(task).catch((error: unknown) => {
      print(`${paint('red', 'dev loop error:', color)} ${(error as Error).stack ?? String(error)}`);
    });
  };

  const functions: WatchedFunction[] = functionEntries(root).map((entry) => ({
    builder: new FunctionBuilder(root, entry, color),
  }));
  const sourceWatcher = new FileWatcher((paths, savedAt) => enqueue(() => rebuildFunctions(paths, savedAt)));
  const inputsOf = new Map<WatchedFunction, readonly string[]>();

  async function rebuildFunctions(paths: readonly string[], savedAt: number): Promise<void> {
    for (const fn of functions) {
      if (!(inputsOf.get(fn) ?? []).some((p) => paths.includes(p))) continue;
      const outcome = await fn.builder.build();
      inputsOf.set(fn, outcome.inputs);
      if (!outcome.ok) {
        print(
          `${time()}  ${paint('red', 'build failed', color)}  ${shown(root, fn.builder.entry)}: the last good code keeps serving`,
        );
        print(outcome.report);
        continue;
      }
      if (outcome.code === fn.lastCode) {
        print(
          `${time()}  ${paint('gray', `no change in the bundle of ${shown(root, fn.builder.entry)}`, color)}`,
        );
        continue;
      }
      const name = fn.target ? functionNameOf(engine, stackName, fn.target) : undefined;
      if (!fn.target || !name) {
        print(
          `${time()}  built ${shown(root, fn.builder.entry)} (${outcome.bytes} bytes); no deployed function runs it`,
        );
        fn.lastCode = outcome.code;
        continue;
      }
      try {
        engine.services.lambda.updateFunctionCode(name, zipSource(outcome.code, fn.target.handler));
        const previous = fn.lastCode;
        fn.lastCode = outcome.code;
        const ms = Math.round(performance.now() - savedAt);
        print(
          `${time()}  ${paint('green', 'updated', color)} ${name}  ${outcome.bytes.toLocaleString('en-US')} bytes  ${ms} ms save→ready`,
        );
        if (options.cdkApp && previous !== undefined) keepTemplateCurrent(previous, outcome.code);
      } catch (error) {
        print(
          `${time()}  ${paint('red', 'update refused', color)} ${name}: ${(error as Error).message}; the last good code keeps serving`,
        );
      }
    }
    sourceWatcher.setFiles([...new Set([...inputsOf.values()].flat())]);
  }

  /** The synthesized template embeds the bundle: rewrite it as `npm run synth` would, so it never drifts. */
  function keepTemplateCurrent(previous: string, code: string): void {
    const refreshed = refreshTemplateCode(options.templatePath, previous, code);
    if (refreshed === 'too-large')
      print(
        `${paint('yellow', 'warning', color)}: the bundle would make ${shown(root, options.templatePath)} exceed the inline deploy limit; not written`,
      );
    else if (refreshed === 'not-found')
      print(
        `${paint('gray', `${shown(root, options.templatePath)} does not embed this bundle; run npm run synth`, color)}`,
      );
  }

  async function applyTemplate(savedAt: number): Promise<void> {
    if (options.cdkApp) {
      print(`${time()}  infra changed: synthesizing (npm run synth)…`);
      const synth = await synthesize(root);
      if (!synth.ok) {
        print(`${paint('red', 'synth failed', color)}; the stack stays as deployed:\n${synth.report}`);
        return;
      }
      print(`${time()}  wrote ${shown(root, options.templatePath)} (${synth.ms} ms)`);
    }
    let templateBody: string;
    try {
      templateBody = readFileSync(options.templatePath, 'utf8');
    } catch (error) {
      print(`${paint('red', 'cannot read the template', color)}: ${(error as Error).message}`);
      return;
    }
    const request = { stackName, templateBody, parameters: options.parameters };
    let changes: ReturnType<typeof computeStackChanges>;
    try {
      changes = computeStackChanges(engine, request);
    } catch (error) {
      print(
        `${paint('red', 'template refused', color)}: ${(error as Error).message}; the stack stays as deployed`,
      );
      return;
    }
    print(`Change set for ${stackName}:${changes.length === 0 ? ' no resource changes' : ''}`);
    for (const change of changes) {
      const data =
        (change.action === 'Replace' || change.action === 'Remove') && change.physicalId
          ? await storedData(engine.endpointUrl, change.resourceType, change.physicalId)
          : undefined;
      print(formatChange(change, color, data));
    }
    try {
      const result = await engine.deploy({
        ...request,
        onEvent: (event) => print(formatEngineStackEvent(event, color)),
      });
      const ms = Math.round(performance.now() - savedAt);
      print(
        result.action === 'NO_CHANGES'
          ? `${time()}  no changes: the stack is as deployed`
          : `${time()}  ${paint('green', 'stack update complete', color)} in ${ms} ms (save → complete)`,
      );
    } catch (error) {
      print(`${time()}  ${paint('red', 'stack update failed', color)}: ${(error as Error).message}`);
    }
  }

  // First builds: find the deployed function each bundle belongs to, and what to watch.
  for (const fn of functions) {
    const outcome = await fn.builder.build();
    inputsOf.set(fn, outcome.inputs);
    if (!outcome.ok) {
      print(outcome.report);
      continue;
    }
    fn.lastCode = outcome.code;
    fn.target = findFunctionTarget(engine, stackName, outcome.code);
  }
  sourceWatcher.setFiles([...new Set([...inputsOf.values()].flat())]);

  const infraWatcher = new FileWatcher((_paths, savedAt) => enqueue(() => applyTemplate(savedAt)), 150);
  const infraDir = join(root, 'infra');
  if (options.cdkApp) {
    infraWatcher.watchTree(
      infraDir,
      (rel) => rel.endsWith('.test.ts') || rel.includes('node_modules') || rel.includes('cdk.out'),
    );
  } else {
    infraWatcher.setFiles([options.templatePath]);
  }
  const watching = [
    ...functions.filter((f) => f.target).map((f) => shown(root, f.builder.entry)),
    options.cdkApp ? `${relative(root, infraDir)}/` : shown(root, options.templatePath),
  ];
  print(`Watching ${watching.join(', ')} (${[...inputsOf.values()].flat().length} function source files)`);
  return {
    close: async () => {
      sourceWatcher.close();
      infraWatcher.close();
      await queue;
      await Promise.all(functions.map((f) => f.builder.dispose()));
    },
  };
}
