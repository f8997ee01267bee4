import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JsonObject } from '../template/types.ts';
import type { StackRecord } from './types.ts';

/**
 * The deploy journal: one JSON line per fact, appended and fsynced before the engine acts on it.
 * An operation opens with `begin` (what it deploys, and the stack as it was), then each resource
 * step writes its `intent` before the provider is called and its `outcome` (physical id,
 * attributes, or the failure) after; `end` closes the operation. A kill at any instant leaves a
 * journal that says exactly which steps finished, and which one was under way.
 */
export type StackOperationKind = 'create' | 'update' | 'delete';

export interface BeginEntry {
  readonly kind: 'begin';
  readonly op: string;
  readonly stackName: string;
  readonly stackId: string;
  readonly operation: StackOperationKind;
  readonly creationTime: string;
  /** What the operation deploys (create/update): the template document and parameter overrides. */
  readonly template?: JsonObject;
  readonly overrides?: Readonly<Record<string, string>>;
  /** The stack as it was before (update/delete), without its events. */
  readonly before?: Omit<StackRecord, 'events'>;
}

export type StepAction = 'create' | 'replace' | 'update' | 'delete';

export interface IntentEntry {
  readonly kind: 'intent';
  readonly op: string;
  /** The step's position in its operation (0, 1, ...): a resumed run meets its steps in the same order. */
  readonly step: number;
  readonly action: StepAction;
  readonly logicalId: string;
  readonly type: string;
  /** The resource acted on (update/delete); for a create, the retained resource being adopted, if any. */
  readonly physicalId?: string;
  /** Generated names of a create derive from it (see ProviderContext.nameSeed). */
  readonly seed?: string;
}

export type OutcomeEntry =
  | {
      readonly kind: 'outcome';
      readonly op: string;
      readonly step: number;
      readonly ok: true;
      readonly physicalId?: string;
      readonly attributes?: Readonly<Record<string, unknown>>;
    }
  | {
      readonly kind: 'outcome';
      readonly op: string;
      readonly step: number;
      readonly ok: false;
      readonly reason: string;
      readonly property?: string;
    };

export interface EndEntry {
  readonly kind: 'end';
  readonly op: string;
  readonly status: string;
}

export type JournalEntry = BeginEntry | IntentEntry | OutcomeEntry | EndEntry;

/** An operation the journal began and never ended: what a restarted engine finishes. */
export interface OpenOperation {
  readonly begin: BeginEntry;
  readonly intents: ReadonlyMap<number, IntentEntry>;
  readonly outcomes: ReadonlyMap<number, OutcomeEntry>;
}

/** Test hook: the process kills itself (SIGKILL) right before appending entry N (1-based, this process). */
export const KILL_BEFORE_ENTRY_ENV = 'TAPSTACK_TEST_KILL_BEFORE_JOURNAL_ENTRY';

export class DeployJournal {
  private fd: number | undefined;
  private appended = 0;
  private readonly killBefore: number | undefined;

  constructor(readonly path: string) {
    const hook = Number(process.env[KILL_BEFORE_ENTRY_ENV]);
    this.killBefore = Number.isInteger(hook) && hook > 0 ? hook : undefined;
  }

  /** Every operation begun and not ended, in the order they began. A torn last line (a kill mid-append) is ignored. */
  openOperations(): OpenOperation[] {
    const open = new Map<
      string,
      { begin: BeginEntry; intents: Map<number, IntentEntry>; outcomes: Map<number, OutcomeEntry> }
    >();
    for (const entry of this.read()) {
      if (entry.kind === 'begin')
        open.set(entry.op, { begin: entry, intents: new Map(), outcomes: new Map() });
      else if (entry.kind === 'end') open.delete(entry.op);
      else if (entry.kind === 'intent') open.get(entry.op)?.intents.set(entry.step, entry);
      else open.get(entry.op)?.outcomes.set(entry.step, entry);
    }
    return [...open.values()];
  }

  /** Appends one entry and fsyncs it: when this returns, the entry survives a kill or a power cut. */
  append(entry: JournalEntry): void {
    this.appended += 1;
    if (this.appended === this.killBefore) process.kill(process.pid, 'SIGKILL');
    const fd = this.open();
    writeSync(fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(fd);
  }

  /** Empties the journal once nothing is open: the stack state file then holds everything it said. */
  clear(): void {
    const fd = this.open();
    ftruncateSync(fd, 0);
    fsyncSync(fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): number {
    if (this.fd === undefined) {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      this.fd = openSync(this.path, 'a+', 0o600);
      // A line torn by a kill mid-append is cut off, so the next entry starts on a line of its own.
      const text = readFileSync(this.fd, 'utf8');
      if (text !== '' && !text.endsWith('\n')) {
        ftruncateSync(this.fd, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
        fsyncSync(this.fd);
      }
    }
    return this.fd;
  }

  private read(): JournalEntry[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const lines = text.split('\n');
    const entries: JournalEntry[] = [];
    for (const [index, line] of lines.entries()) {
      if (line === '') continue;
      try {
        entries.push(JSON.parse(line) as JournalEntry);
      } catch (error) {
        // Only the last line can be torn (appends are sequential and each is fsynced before the next).
        if (index >= lines.length - 2) break;
        throw new Error(
          `deploy journal ${this.path} is damaged at line ${index + 1} (${(error as Error).message}); ` +
            'it was left untouched: move it away to start without resuming, or restore it',
        );
      }
    }
    return entries;
  }
}
