import type { StackEvent as ApiStackEvent } from '@aws-sdk/client-cloudformation';
import { paint } from './style.ts';

export interface StackEventView {
  readonly timestamp: number;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason?: string;
}

/** One progress line per stack event: `12:00:01  CREATE_COMPLETE     AWS::SQS::Queue  DeadLetterQueue`. */
export function formatStackEvent(event: StackEventView, color: boolean): string {
  const time = new Date(event.timestamp).toISOString().slice(11, 19);
  const status = event.status.padEnd(20);
  const tint =
    event.status.endsWith('FAILED') || event.status.includes('ROLLBACK')
      ? 'red'
      : event.status.endsWith('COMPLETE')
        ? 'green'
        : 'yellow';
  const reason = event.reason ? `  ${paint('gray', event.reason, color)}` : '';
  return `${paint('gray', time, color)}  ${paint(tint, status, color)}  ${event.resourceType.padEnd(38)} ${event.logicalId}${reason}`;
}

/** The engine's own stack events (timestamps as ISO strings) as progress lines. */
export function formatEngineStackEvent(
  event: {
    readonly timestamp: string;
    readonly logicalId: string;
    readonly resourceType: string;
    readonly status: string;
    readonly reason?: string;
  },
  color: boolean,
): string {
  return formatStackEvent(
    {
      timestamp: Date.parse(event.timestamp),
      logicalId: event.logicalId,
      resourceType: event.resourceType,
      status: event.status,
      ...(event.reason ? { reason: event.reason } : {}),
    },
    color,
  );
}

/** A CloudFormation API stack event (DescribeStackEvents) as a progress line. */
export function formatApiStackEvent(event: ApiStackEvent, color: boolean): string {
  return formatStackEvent(
    {
      timestamp: event.Timestamp?.getTime() ?? Date.now(),
      logicalId: event.LogicalResourceId ?? '',
      resourceType: event.ResourceType ?? '',
      status: event.ResourceStatus ?? '',
      ...(event.ResourceStatusReason ? { reason: event.ResourceStatusReason } : {}),
    },
    color,
  );
}
