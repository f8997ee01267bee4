/**
 * Follows a stack operation: prints each new stack event as it appears and resolves with the
 * final status once the stack leaves every `…_IN_PROGRESS` state (or is gone, after a delete).
 */
import {
  type CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FollowResult {
  readonly status: string;
  readonly reason?: string;
  readonly events: readonly StackEvent[];
}

export async function followStack(
  client: CloudFormationClient,
  stackId: string,
  since: Date,
  onEvent: (event: StackEvent) => void,
  pollMs = 1000,
): Promise<FollowResult> {
  const seen = new Set<string>();
  const events: StackEvent[] = [];
  for (;;) {
    const page = await client.send(new DescribeStackEventsCommand({ StackName: stackId }));
    const fresh = (page.StackEvents ?? [])
      .filter(
        (e) => e.EventId && !seen.has(e.EventId) && (e.Timestamp?.getTime() ?? 0) >= since.getTime() - 1000,
      )
      .reverse();
    for (const event of fresh) {
      seen.add(event.EventId ?? '');
      events.push(event);
      onEvent(event);
    }
    const stack = (await client.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks?.[0];
    const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
    if (!status.endsWith('_IN_PROGRESS')) {
      return { status, ...(stack?.StackStatusReason ? { reason: stack.StackStatusReason } : {}), events };
    }
    await sleep(pollMs);
  }
}
