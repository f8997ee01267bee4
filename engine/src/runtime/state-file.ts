import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { namingFile, writeFileAtomic } from './atomic-write.ts';

/**
 * A JSON document on disk that is either the old or the new version after a crash, never a torn
 * mix: writes go to a temporary file, are fsynced, then renamed over the original.
 * Services keep their control-plane state (queues, functions, APIs, stacks) in one of these.
 */
export class StateFile<T> {
  constructor(
    readonly path: string,
    private readonly initial: () => T,
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
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new Error(
        `state file ${this.path} is not valid JSON (${(error as Error).message}); ` +
          'it was left untouched: move it away to start that service empty, or restore it',
      );
    }
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
