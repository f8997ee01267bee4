import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import type { AccountContext } from '../../runtime/account.ts';
import { createDynaliteStore, type DynaliteStore } from './dynalite-engine.ts';

function causeOf(error: unknown): { code: string; message: string } {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const { code, message } = cause as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : 'UNKNOWN',
    message: typeof message === 'string' ? message : String(cause),
  };
}

/**
 * Opens (or creates) the LevelDB directory at `path`. A locked or damaged directory is an error that
 * names it; it is never reset, since that would silently lose every table.
 */
export async function openDynaliteStore(path: string, account: AccountContext): Promise<DynaliteStore> {
  // LevelDB treats a directory without CURRENT as a new database and would ignore the data files
  // already there: refuse instead.
  if (
    existsSync(path) &&
    !existsSync(`${path}/CURRENT`) &&
    readdirSync(path).some((f) => /\.(ldb|sst|log)$/.test(f))
  ) {
    throw new Error(
      `DynamoDB data directory ${path} has data files but no CURRENT file; it was left untouched: ` +
        'restore it, or move it away to start with no tables',
    );
  }
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const store = createDynaliteStore(path, account.accountId, account.region);
  try {
    await store.db.open();
  } catch (error) {
    const cause = causeOf(error);
    if (cause.code === 'LEVEL_LOCKED') {
      throw new Error(
        `DynamoDB data directory ${path} is locked by another open engine (${cause.message}); ` +
          'stop that engine or use another data directory',
        { cause: error },
      );
    }
    throw new Error(
      `DynamoDB data directory ${path} could not be opened (${cause.code}: ${cause.message}); ` +
        'it was left untouched: restore it, or move it away to start with no tables',
      { cause: error },
    );
  }
  return store;
}
