import { renameSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  DamagedStateFileError,
  Engine,
  isRebuildable,
  type StateProblem,
} from '../../../engine/src/index.ts';
import { formatEngineStackEvent } from '../format/stack-event.ts';
import { colorEnabled } from '../format/style.ts';

interface RepairOptions {
  readonly dataDir: string;
  readonly apiPort: string;
}

/** At most this many damaged files are set aside in one run (each needs a fresh start). */
const MAX_SET_ASIDE = 32;

const describe = (p: StateProblem): string =>
  `${p.resourceType} ${p.logicalId} (${p.physicalId}) of stack ${p.stackName}: ${p.finding.file} ${p.finding.problem}`;

/**
 * Starts the engine in repair mode on `dataDir`. A damaged state file the templates can rebuild is
 * renamed to `<file>.damaged-<time>` (kept, never deleted) and the start tried again; anything else
 * (the stacks' own record, LevelDB) is refused with its message.
 */
async function startForRepair(
  dataDir: string,
  apiBasePort: number,
  said: (line: string) => void,
): Promise<Engine> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await Engine.start({ dataDir, port: 0, apiBasePort, repair: true });
    } catch (error) {
      const damaged = (error as Error).cause;
      if (!(damaged instanceof DamagedStateFileError) || attempt >= MAX_SET_ASIDE) throw error;
      const file = relative(dataDir, damaged.path);
      if (!isRebuildable(file)) throw error;
      const aside = `${damaged.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(damaged.path, aside);
      said(`Set aside ${file} (${damaged.problem}) as ${relative(dataDir, aside)}`);
    }
  }
}

/**
 * `tapstack repair`: re-creates the state the stack templates can rebuild (functions, roles, APIs,
 * queues, log groups, rules, table settings…) in a data directory whose stores lost it, keeping
 * every item, object and message still on disk. Exits 1 when something is left it cannot rebuild.
 */
export function registerRepair(program: Command): void {
  program
    .command('repair')
    .description('re-create lost or damaged local state from the stack templates, keeping the data')
    .option('--data-dir <dir>', 'the data directory to repair', '.tapstack')
    .option('--api-port <port>', 'first port for re-created HTTP APIs (0 = any free port)', '4567')
    .action(async (options: RepairOptions) => {
      const color = colorEnabled();
      const dataDir = resolve(options.dataDir);
      const engine = await startForRepair(dataDir, Number(options.apiPort), (line) => console.log(line));
      try {
        const found = [...engine.stateCheck.damaged, ...engine.stateCheck.drifted];
        if (found.length === 0) {
          console.log(`Nothing to repair: every resource the stacks record is in ${dataDir}.`);
          return;
        }
        for (const problem of found) console.log(`Found: ${describe(problem)}`);
        const outcome = await engine.stateCheck.repair(found, (event) =>
          console.log(formatEngineStackEvent(event, color)),
        );
        const left = await engine.stateCheck.recheck();
        if (outcome.reapplied.length > 0) console.log(`Re-applied settings: ${outcome.reapplied.join(', ')}`);
        if (outcome.recreated.length > 0) console.log(`Re-created: ${outcome.recreated.join(', ')}`);
        if (left.length > 0) {
          for (const problem of left) console.error(`Not repaired: ${describe(problem)}`);
          process.exitCode = 1;
          return;
        }
        console.log('Repaired: every resource the stacks record is back; the data on disk was kept.');
      } finally {
        await engine.close();
      }
    });
}
