import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineServices } from '../engine-services.ts';

/**
 * A data directory without `cloudformation/stacks.json` that still holds what a stack made: a
 * deploy would collide with it (and roll back) without naming the missing file. Refused before
 * anything serves or writes.
 */
export async function refuseOrphanedState(dataDir: string, services: EngineServices): Promise<void> {
  const stacksFile = join(dataDir, 'cloudformation', 'stacks.json');
  if (existsSync(stacksFile)) return;
  const tables =
    ((await services.dynamodb.call('ListTables', {})) as { TableNames?: string[] }).TableNames ?? [];
  const held = [
    ...services.lambda.listFunctions().map((f) => `function ${f.FunctionName}`),
    ...tables.map((t) => `table ${t}`),
    ...services.httpApi.listApis().map((a) => `API ${a.ApiId}`),
  ];
  if (held.length === 0) return;
  throw new Error(
    `state file ${stacksFile} is missing, but the data directory holds what a stack created (${held.join(', ')}); ` +
      'nothing was changed. A deploy would collide with them. Way out: restore cloudformation/stacks.json from a copy ' +
      '(the stacks cannot be rebuilt from a template while their resources exist), or move the whole data directory away to start empty.',
  );
}
