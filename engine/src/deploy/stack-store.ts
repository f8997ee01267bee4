import { StateFile } from '../runtime/state-file.ts';
import { objectWith } from '../runtime/state-file-error.ts';
import type { StackEvent, StackRecord, StackStatus } from './types.ts';

interface DeployerState {
  readonly version: 1;
  readonly stacks: StackRecord[];
}

/** What a status left by a stopped engine becomes on the next start: the operation failed. */
const INTERRUPTED: Partial<Record<StackStatus, StackStatus>> = {
  CREATE_IN_PROGRESS: 'CREATE_FAILED',
  ROLLBACK_IN_PROGRESS: 'ROLLBACK_FAILED',
  UPDATE_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_COMPLETE',
  UPDATE_ROLLBACK_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_ROLLBACK_COMPLETE',
  DELETE_IN_PROGRESS: 'DELETE_FAILED',
};

/**
 * The stacks of one engine, persisted in one state file after every resource step, so a restarted
 * engine sees each stack (resources, outputs, events) as it was. Not shared between engines.
 */
export class StackStore {
  private readonly file: StateFile<DeployerState>;
  private readonly stacks = new Map<string, StackRecord>();

  constructor(
    path: string,
    private readonly maxEvents: number,
  ) {
    this.file = new StateFile<DeployerState>(
      path,
      () => ({ version: 1, stacks: [] }),
      objectWith({ stacks: 'list' }),
    );
    for (const stack of this.file.load().stacks) {
      const recovered = INTERRUPTED[stack.status];
      if (recovered) {
        stack.status = recovered;
        stack.statusReason = 'The engine stopped during the operation';
      }
      this.stacks.set(stack.stackName, stack);
    }
  }

  get(stackName: string): StackRecord | undefined {
    return this.stacks.get(stackName);
  }

  all(): StackRecord[] {
    return [...this.stacks.values()];
  }

  put(stack: StackRecord): void {
    this.stacks.set(stack.stackName, stack);
    this.save();
  }

  remove(stackName: string): void {
    this.stacks.delete(stackName);
    this.save();
  }

  /** Appends an event (dropping the oldest beyond the cap) and persists. */
  addEvent(stack: StackRecord, event: StackEvent): void {
    stack.events.push(event);
    if (stack.events.length > this.maxEvents) stack.events.splice(0, stack.events.length - this.maxEvents);
    this.save();
  }

  /** The stack that exports `name`, and the value, if any (a stack never imports its own export). */
  findExport(
    name: string,
    exceptStack?: string,
  ): { readonly stackName: string; readonly value: string } | undefined {
    for (const stack of this.stacks.values()) {
      if (stack.stackName === exceptStack) continue;
      const output = stack.outputs.find((o) => o.exportName === name);
      if (output) return { stackName: stack.stackName, value: output.outputValue };
    }
    return undefined;
  }

  /** Stacks (other than `exceptStack`) that import `name`. */
  importers(name: string, exceptStack: string): string[] {
    return this.all()
      .filter((s) => s.stackName !== exceptStack && s.imports.includes(name))
      .map((s) => s.stackName);
  }

  save(): void {
    this.file.save({ version: 1, stacks: this.all() });
  }
}
