/**
 * What the API keeps beside the deploy engine's stacks, persisted in one state file so it survives
 * a restart: change sets, stacks announced by a CREATE change set (REVIEW_IN_PROGRESS), each
 * stack's tags, capabilities and original template text, and deleted stacks (ListStacks shows them).
 */
import type { ResourceChangeDescription } from '../../deploy/change-set.ts';
import { StateFile } from '../../runtime/state-file.ts';
import type { StackEventRecord } from './stack-reader.ts';

export type ChangeSetStatus = 'CREATE_PENDING' | 'CREATE_IN_PROGRESS' | 'CREATE_COMPLETE' | 'FAILED';
export type ExecutionStatus =
  | 'UNAVAILABLE'
  | 'AVAILABLE'
  | 'EXECUTE_IN_PROGRESS'
  | 'EXECUTE_COMPLETE'
  | 'EXECUTE_FAILED'
  | 'OBSOLETE';

export interface ChangeSetRecord {
  readonly changeSetId: string;
  readonly changeSetName: string;
  readonly stackId: string;
  readonly stackName: string;
  readonly type: 'CREATE' | 'UPDATE';
  status: ChangeSetStatus;
  statusReason?: string;
  executionStatus: ExecutionStatus;
  readonly creationTime: number;
  readonly description?: string;
  readonly templateBody: string;
  /** What the deploy gets (UsePreviousValue already replaced). */
  readonly overrides: Readonly<Record<string, string>>;
  /** Every parameter's value as shown (NoEcho masked). */
  readonly parameters: Readonly<Record<string, string>>;
  readonly capabilities: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly changes: readonly ResourceChangeDescription[];
  /** The stack's newest event id when the change set was made: another operation since makes it stale. */
  readonly baseEventId?: string;
}

export interface StackMeta {
  readonly tags: Readonly<Record<string, string>>;
  readonly capabilities: readonly string[];
  /** The template text as submitted (YAML stays YAML for GetTemplate). */
  readonly templateBody?: string;
}

export interface ReviewStack {
  readonly stackId: string;
  readonly stackName: string;
  readonly creationTime: number;
  readonly description?: string;
}

export interface DeletedStack {
  readonly stackId: string;
  readonly stackName: string;
  readonly creationTime: number;
  readonly deletionTime: number;
  readonly description?: string;
  /** The delete's own events (DELETE_SKIPPED ones list the retained resources). */
  readonly events?: readonly StackEventRecord[];
}

interface ApiState {
  readonly version: 1;
  changeSets: ChangeSetRecord[];
  reviews: ReviewStack[];
  meta: Record<string, StackMeta>;
  deleted: DeletedStack[];
}

/** Deleted stacks kept for ListStacks (AWS keeps them 90 days). */
const MAX_DELETED = 100;

export class ApiRecords {
  private readonly file: StateFile<ApiState>;
  private readonly state: ApiState;

  constructor(path: string) {
    this.file = new StateFile<ApiState>(path, () => ({
      version: 1,
      changeSets: [],
      reviews: [],
      meta: {},
      deleted: [],
    }));
    this.state = this.file.load();
    // A change set being executed when the engine stopped: its stack says how that ended.
    for (const cs of this.state.changeSets) {
      if (cs.executionStatus === 'EXECUTE_IN_PROGRESS') cs.executionStatus = 'EXECUTE_FAILED';
    }
  }

  changeSets(): readonly ChangeSetRecord[] {
    return this.state.changeSets;
  }

  addChangeSet(record: ChangeSetRecord): void {
    this.state.changeSets.push(record);
    this.save();
  }

  removeChangeSet(changeSetId: string): void {
    this.state.changeSets = this.state.changeSets.filter((c) => c.changeSetId !== changeSetId);
    this.save();
  }

  /** Drops every change set of a stack (the stack was deleted). */
  forgetStack(stackId: string): void {
    this.state.changeSets = this.state.changeSets.filter((c) => c.stackId !== stackId);
    this.state.reviews = this.state.reviews.filter((r) => r.stackId !== stackId);
    delete this.state.meta[stackId];
    this.save();
  }

  reviews(): readonly ReviewStack[] {
    return this.state.reviews;
  }

  addReview(review: ReviewStack): void {
    this.state.reviews.push(review);
    this.save();
  }

  removeReview(stackId: string): void {
    this.state.reviews = this.state.reviews.filter((r) => r.stackId !== stackId);
    this.save();
  }

  meta(stackId: string): StackMeta | undefined {
    return this.state.meta[stackId];
  }

  setMeta(stackId: string, meta: StackMeta): void {
    this.state.meta[stackId] = meta;
    this.save();
  }

  deleted(): readonly DeletedStack[] {
    return this.state.deleted;
  }

  addDeleted(stack: DeletedStack): void {
    this.state.deleted.push(stack);
    if (this.state.deleted.length > MAX_DELETED) this.state.deleted.shift();
    this.save();
  }

  save(): void {
    this.file.save(this.state);
  }
}
