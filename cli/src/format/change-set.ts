import { paint } from './style.ts';

/**
 * One resource change of a change set, as `tapstack diff`, `tapstack deploy` and the dev loop print
 * it (and `diff --json` writes it). `Replace` is a Modify whose Replacement is True.
 */
export interface PlannedChange {
  readonly action: 'Add' | 'Modify' | 'Replace' | 'Remove';
  readonly logicalId: string;
  readonly resourceType: string;
  /** The deployed resource's physical id (Modify, Replace, Remove), when known. */
  readonly physicalId?: string;
  /** For Replace: the property forcing it (`Type` when none is named). For Modify: the changed properties. */
  readonly properties: readonly string[];
  /** Modify whose replacement depends on another resource's new value (Replacement: Conditional). */
  readonly mayReplace?: boolean;
  /** What happens to the old resource (Replace: UpdateReplacePolicy, Remove: DeletionPolicy), when known. */
  readonly oldResourcePolicy?: 'Delete' | 'Retain';
}

/** What a resource holds, in words a change-set line can use ("1,234 items"). */
export interface StoredData {
  readonly count: number;
  readonly noun: string;
  readonly container: string;
}

const MARK = { Add: '+', Modify: '~', Replace: '±', Remove: '-' } as const;
const TINT = { Add: 'green', Modify: 'yellow', Replace: 'red', Remove: 'red' } as const;

/**
 * One line per change: `± Replace  AWS::SQS::Queue  Queue  (QueueName forces replacement)`. With
 * `data` (what the old resource of a Replace or Remove holds), the line also says whether that
 * data is kept in a retained resource or deleted with it.
 */
export function formatChange(change: PlannedChange, color: boolean, data?: StoredData): string {
  const head = paint(TINT[change.action], `${MARK[change.action]} ${change.action.padEnd(8)}`, color);
  const notes = changeNotes(change, data);
  const why = notes.length > 0 ? `  ${paint('gray', `(${notes.join('; ')})`, color)}` : '';
  return `  ${head} ${change.resourceType.padEnd(38)} ${change.logicalId}${why}`;
}

function changeNotes(change: PlannedChange, data: StoredData | undefined): string[] {
  const notes: string[] = [];
  if (change.action === 'Replace') notes.push(`${change.properties.join(', ')} forces replacement`);
  if (change.action === 'Modify' && change.properties.length > 0) {
    notes.push(`changes ${change.properties.join(', ')}`);
    if (change.mayReplace) notes.push('may replace, depending on a replaced resource');
  }
  if (change.action !== 'Replace' && change.action !== 'Remove') return notes;
  if (data) {
    const count = `${data.count.toLocaleString('en-US')} ${data.noun}`;
    const verb = change.action === 'Replace' ? 'replaces' : 'removes';
    notes.push(
      change.oldResourcePolicy === 'Retain'
        ? `${verb} ${change.logicalId}: ${count} will be left in the retained ${data.container} ${change.physicalId}`
        : `${verb} ${change.logicalId}: ${count} will be DELETED with the old ${data.container} ${change.physicalId}`,
    );
  } else if (change.oldResourcePolicy === 'Retain') {
    notes.push(`the old resource ${change.physicalId} is retained`);
  }
  return notes;
}
