import type { DynaliteStore } from './dynalite-engine.ts';
import { listTableNames, runDynaliteOperation } from './dynalite-engine.ts';

const write = (store: DynaliteStore, op: 'put' | 'del', name: string, value?: unknown): Promise<void> =>
  new Promise((resolve, reject) => {
    const done = (error: unknown): void => (error ? reject(error) : resolve());
    if (op === 'put') store.tableDb.put(name, value, done);
    else store.tableDb.del(name, done);
  });

/**
 * Finishes table transitions a previous process did not live to finish. dynalite flips a table to
 * ACTIVE (or removes a DELETING one) on a timer after answering; a process killed in between would
 * otherwise leave a table CREATING forever, refusing every item operation.
 */
export async function repairTransitionalTables(store: DynaliteStore): Promise<void> {
  for (const name of await listTableNames(store)) {
    const { Table: table } = (await runDynaliteOperation(store, 'DescribeTable', { TableName: name })) as {
      Table: Record<string, unknown> & {
        TableStatus: string;
        GlobalSecondaryIndexes?: Record<string, unknown>[];
      };
    };
    if (table.TableStatus === 'DELETING') await write(store, 'del', name);
    else if (table.TableStatus === 'CREATING' || table.TableStatus === 'UPDATING') {
      for (const index of table.GlobalSecondaryIndexes ?? []) index.IndexStatus = 'ACTIVE';
      await write(store, 'put', name, { ...table, TableStatus: 'ACTIVE' });
    }
  }
}
