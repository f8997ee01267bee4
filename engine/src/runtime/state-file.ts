import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { namingFile, writeFileAtomic } from './atomic-write.ts';
import { DamagedStateFileError, type StateShapeCheck } from './state-file-error.ts';

/**
 * A JSON document on disk that is either the old or the new version after a crash, never a torn
 * mix: writes go to a temporary file, are fsynced, then renamed over the original.
 * Services keep their control-plane state (queues, functions, APIs, stacks) in one of these.
 */
export class StateFile<T> {
  constructor(
    readonly path: string,
    private readonly initial: () => T,
    /** Refuses a document of the wrong shape (a DamagedStateFileError naming the file). */
    private readonly check?: StateShapeCheck,
  ) {}

  /** Reads the document, or the initial value when none was written yet. A corrupt file is an error naming it. */
  load(): T {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.initial();
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new DamagedStateFileError(this.path, `is not valid JSON (${(error as Error).message})`);
    }
    const problem = this.check?.(value);
    if (problem) throw new DamagedStateFileError(this.path, problem);
    return value as T;
  }

  save(value: T): void {
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    } catch (error) {
      throw namingFile(error, this.path);
    }
    writeFileAtomic(this.path, JSON.stringify(value));
  }
}
