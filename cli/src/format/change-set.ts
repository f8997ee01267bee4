import type { PlannedChange } from '../aws/change-sets.ts';
import { paint } from './style.ts';

const MARK = { Add: '+', Modify: '~', Replace: '±', Remove: '-' } as const;
const TINT = { Add: 'green', Modify: 'yellow', Replace: 'red', Remove: 'red' } as const;

/** One line per change: `± Replace  AWS::SQS::Queue  Queue  (QueueName forces replacement)`. */
export function formatChange(change: PlannedChange, color: boolean): string {
  const head = paint(TINT[change.action], `${MARK[change.action]} ${change.action.padEnd(8)}`, color);
  const why =
    change.action === 'Replace'
      ? `${change.properties.join(', ')} forces replacement`
      : change.action === 'Modify' && change.properties.length > 0
        ? `${change.properties.join(', ')}${change.mayReplace ? '; may replace, depending on a replaced resource' : ''}`
        : '';
  return `  ${head} ${change.resourceType.padEnd(38)} ${change.logicalId}${why ? `  ${paint('gray', `(${why})`, color)}` : ''}`;
}
