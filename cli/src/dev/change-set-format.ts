import { paint } from '../format/style.ts';
import type { PlannedChange } from './stack-changes.ts';
import type { StoredData } from './stored-data.ts';

const COLORS = { Add: 'green', Modify: 'yellow', Replace: 'red', Remove: 'red' } as const;

/**
 * One change-set line: action, logical id, type, and what matters about it — the changed
 * properties of a Modify, the property forcing a Replace, and what happens to stored data when
 * the old resource goes (kept in a retained resource, or deleted with it).
 */
export function formatChange(change: PlannedChange, data: StoredData | undefined, color: boolean): string {
  const head = `  ${paint(COLORS[change.action], change.action.padEnd(8), color)}${change.logicalId.padEnd(34)} ${change.resourceType}`;
  const notes: string[] = [];
  if (change.action === 'Modify' && change.conditional) notes.push('properties resolved during the update');
  else if (change.action === 'Modify') notes.push(`changes ${change.properties.join(', ')}`);
  if (change.action === 'Replace') notes.push(`${change.replacedBy.join(', ')} requires replacement`);
  if (data && (change.action === 'Replace' || change.action === 'Remove')) {
    const count = `${data.count.toLocaleString('en-US')} ${data.noun}`;
    const verb = change.action === 'Replace' ? 'replaces' : 'removes';
    notes.push(
      change.oldResourcePolicy === 'Retain'
        ? `${verb} ${change.logicalId}: ${count} will be left in the retained ${data.container} ${change.physicalId}`
        : `${verb} ${change.logicalId}: ${count} will be DELETED with the old ${data.container} ${change.physicalId}`,
    );
  } else if (change.action === 'Replace' || change.action === 'Remove') {
    if (change.oldResourcePolicy === 'Retain')
      notes.push(`the old resource ${change.physicalId} is retained`);
  }
  return notes.length > 0 ? `${head}  (${notes.join('; ')})` : head;
}
