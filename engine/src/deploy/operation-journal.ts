import { randomBytes, randomUUID } from 'node:crypto';
import type {
  BeginEntry,
  DeployJournal,
  IntentEntry,
  OpenOperation,
  OutcomeEntry,
  StepAction,
} from './deploy-journal.ts';

/** What the journal knows about one step when the operation reaches it. */
export type StepState =
  /** Finished before the engine stopped: its outcome is replayed, the provider is not called. */
  | { readonly kind: 'replayed'; readonly outcome: OutcomeEntry; readonly intent: IntentEntry }
  /** Under way when the engine stopped (intent, no outcome): the step is finished now. */
  | { readonly kind: 'interrupted'; readonly intent: IntentEntry }
  /** Not reached before: runs as usual. */
  | { readonly kind: 'live' };

/**
 * One stack operation's view of the deploy journal. A fresh operation records each step (intent
 * before the provider call, outcome after). A resumed one is the same operation run again from
 * the start on the stack as it was when it began: steps with a recorded outcome are replayed from
 * the journal (no provider call, no event), the step that was under way is finished, and the rest
 * run live. The operation's code is deterministic given its input and the steps' outcomes, so the
 * replayed run reaches exactly the point where the killed one stopped.
 */
export class OperationJournal {
  private next = 0;
  /** Steps below this index have recorded outcomes (resumed operations only). */
  private readonly frontier: number;
  private diverged = false;

  private constructor(
    private readonly file: DeployJournal,
    readonly begin: BeginEntry,
    private readonly recorded: OpenOperation | undefined,
  ) {
    const done = recorded ? [...recorded.outcomes.keys()] : [];
    this.frontier = done.length === 0 ? 0 : Math.max(...done) + 1;
  }

  /** Starts a new operation: its `begin` entry is durable before this returns. */
  static start(file: DeployJournal, begin: Omit<BeginEntry, 'kind' | 'op'>): OperationJournal {
    const entry: BeginEntry = { kind: 'begin', op: randomUUID(), ...begin };
    file.append(entry);
    return new OperationJournal(file, entry, undefined);
  }

  /** Continues an operation a stopped engine left open, appending to its entries. */
  static resume(file: DeployJournal, open: OpenOperation): OperationJournal {
    return new OperationJournal(file, open.begin, open);
  }

  get resumed(): boolean {
    return this.recorded !== undefined;
  }

  /** Resource steps the interrupted run had finished. */
  get stepsDone(): number {
    return this.recorded?.outcomes.size ?? 0;
  }

  /** True while the operation re-walks steps already done: no events are emitted then. */
  get replaying(): boolean {
    return !this.diverged && this.next < this.frontier;
  }

  /** Reaches the next step of the operation and says what the journal knows of it. */
  step(action: StepAction, logicalId: string): { readonly index: number; readonly state: StepState } {
    const index = this.next;
    this.next += 1;
    if (!this.recorded || this.diverged) return { index, state: { kind: 'live' } };
    const intent = this.recorded.intents.get(index);
    if (!intent) return { index, state: { kind: 'live' } };
    if (intent.action !== action || intent.logicalId !== logicalId) {
      // Cannot happen while the operation is deterministic; if it does, stop trusting the record.
      this.diverged = true;
      return { index, state: { kind: 'live' } };
    }
    const outcome = this.recorded.outcomes.get(index);
    return {
      index,
      state: outcome ? { kind: 'replayed', outcome, intent } : { kind: 'interrupted', intent },
    };
  }

  /** A new seed for generated names (see ProviderContext.nameSeed). */
  static seed(): string {
    return randomBytes(9).toString('base64url');
  }

  intent(entry: Omit<IntentEntry, 'kind' | 'op'>): void {
    this.file.append({ kind: 'intent', op: this.begin.op, ...entry });
  }

  succeeded(step: number, physicalId?: string, attributes?: Readonly<Record<string, unknown>>): void {
    this.file.append({
      kind: 'outcome',
      op: this.begin.op,
      step,
      ok: true,
      ...(physicalId === undefined ? {} : { physicalId }),
      ...(attributes === undefined ? {} : { attributes }),
    });
  }

  failed(step: number, reason: string, property: string | undefined): void {
    this.file.append({
      kind: 'outcome',
      op: this.begin.op,
      step,
      ok: false,
      reason,
      ...(property === undefined ? {} : { property }),
    });
  }

  end(status: string): void {
    this.file.append({ kind: 'end', op: this.begin.op, status });
  }
}
