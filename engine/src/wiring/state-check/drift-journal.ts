import { join } from 'node:path';
import { StateFile } from '../../runtime/state-file.ts';
import { objectWith } from '../../runtime/state-file-error.ts';

export type DriftKind = 'table' | 'queue' | 'bucket';

/** A resource deleted through the AWS endpoint (DeleteTable, DeleteQueue, DeleteBucket). */
export interface DriftRecord {
  readonly kind: DriftKind;
  readonly name: string;
  readonly operation: string;
  /** ISO-8601, engine clock. */
  readonly at: string;
}

/**
 * Deletions made through the AWS endpoint, kept in `<data dir>/drift.json`. When a stack's table,
 * queue or bucket is missing at start, this tells a deliberate delete (drift, which `up` reports
 * and offers to re-create) from lost or damaged data (which refuses to start).
 */
export class DriftJournal {
  private readonly file: StateFile<{ deleted: DriftRecord[] }>;
  private readonly deleted: DriftRecord[];

  constructor(dataDir: string) {
    this.file = new StateFile(
      join(dataDir, 'drift.json'),
      () => ({ deleted: [] }),
      objectWith({ deleted: 'list' }),
    );
    this.deleted = this.file.load().deleted;
  }

  record(entry: DriftRecord): void {
    this.forget(entry.kind, entry.name, false);
    this.deleted.push(entry);
    this.file.save({ deleted: this.deleted });
  }

  find(kind: DriftKind, name: string): DriftRecord | undefined {
    return this.deleted.find((d) => d.kind === kind && d.name === name);
  }

  /** Called once the resource exists again (re-created by repair or a deploy). */
  forget(kind: DriftKind, name: string, save = true): void {
    const at = this.deleted.findIndex((d) => d.kind === kind && d.name === name);
    if (at < 0) return;
    this.deleted.splice(at, 1);
    if (save) this.file.save({ deleted: this.deleted });
  }
}
