import type { Command } from 'commander';
import { fireRule } from '../aws/fire-rule.ts';
import { loadStackHandles } from '../aws/stack-handles.ts';
import { clientConfig } from '../aws/target.ts';
import { type CommonOptions, withCommonOptions } from './common.ts';

/**
 * Fires a scheduled rule now: each Lambda target is invoked asynchronously with the Scheduled Event
 * EventBridge would send, so retries and the dead-letter queue behave as for a real fire.
 * `rule` is the rule's name or its logical id (default: the stack's ScheduledEventRule).
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-scheduled.html
 */
export function registerTrigger(program: Command): void {
  withCommonOptions(
    program
      .command('trigger')
      .description('fire a scheduled rule now (default: the daily schedule)')
      .argument('[rule]', 'rule name or logical id'),
  ).action(async (rule: string | undefined, options: CommonOptions) => {
    const config = clientConfig(options);
    const handles = await loadStackHandles(config, options.stackName);
    const fromStack = handles.resources.find(
      (r) => r.LogicalResourceId === (rule ?? 'ScheduledEventRule'),
    )?.PhysicalResourceId;
    const ruleName = fromStack ?? rule ?? handles.scheduleRuleName;
    if (!ruleName) throw new Error(`stack ${options.stackName} has no ScheduledEventRule; name a rule`);
    for (const line of await fireRule(config, ruleName)) {
      console.log(
        options.json
          ? JSON.stringify(line)
          : `Fired ${ruleName} → ${line.target} (event ${line.eventId}, ${line.statusCode} Accepted)`,
      );
    }
  });
}
