import { join } from 'node:path';
import { StateFile } from '../../runtime/state-file.ts';
import { objectWith } from '../../runtime/state-file-error.ts';
import type { FunctionRecord } from './model.ts';

interface Document {
  functions: Record<string, FunctionRecord>;
}

/** Function definitions, persisted on every change and reloaded on start. */
export class FunctionStore {
  private readonly file: StateFile<Document>;
  private readonly doc: Document;

  constructor(dataDir: string) {
    this.file = new StateFile<Document>(
      join(dataDir, 'functions.json'),
      () => ({ functions: {} }),
      objectWith({ functions: 'object' }),
    );
    this.doc = this.file.load();
  }

  get(name: string): FunctionRecord | undefined {
    return Object.hasOwn(this.doc.functions, name) ? this.doc.functions[name] : undefined;
  }

  list(): FunctionRecord[] {
    return Object.values(this.doc.functions).sort((a, b) => a.config.name.localeCompare(b.config.name));
  }

  put(record: FunctionRecord): void {
    this.doc.functions[record.config.name] = record;
    this.file.save(this.doc);
  }

  delete(name: string): void {
    delete this.doc.functions[name];
    this.file.save(this.doc);
  }
}
