import type { EventsService, RuleTarget } from '../services/events/index.ts';
import {
  asRecord,
  generatePhysicalName,
  optionalList,
  optionalString,
  type ProviderContext,
  propertyError,
  type ResourceProvider,
} from './provider.ts';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-rule.html */
export function eventsRuleProvider(events: EventsService): ResourceProvider {
  const apply = (ctx: ProviderContext, name: string, props: Readonly<Record<string, unknown>>) => {
    const busName = optionalString(props, 'EventBusName', ctx);
    if (busName && busName !== 'default')
      throw propertyError(ctx, 'EventBusName', 'only the default event bus is emulated');
    const state = optionalString(props, 'State', ctx) ?? 'ENABLED';
    if (state !== 'ENABLED' && state !== 'DISABLED')
      throw propertyError(ctx, 'State', 'must be ENABLED or DISABLED');
    const scheduleExpression = optionalString(props, 'ScheduleExpression', ctx);
    const eventPattern = props.EventPattern === undefined ? undefined : JSON.stringify(props.EventPattern);
    const description = optionalString(props, 'Description', ctx);
    const rule = events.putRule({
      name,
      state,
      ...(scheduleExpression ? { scheduleExpression } : {}),
      ...(eventPattern ? { eventPattern } : {}),
      ...(description ? { description } : {}),
    });
    const targets = readTargets(ctx, optionalList(props, 'Targets', ctx) ?? []);
    const removed = rule.targets.filter((t) => !targets.some((n) => n.id === t.id)).map((t) => t.id);
    if (removed.length > 0) events.removeTargets(name, removed);
    if (targets.length > 0) events.putTargets(name, targets);
    return { physicalId: name, attributes: { Arn: rule.arn } };
  };
  return {
    type: 'AWS::Events::Rule',
    supportedProperties: [
      'Name',
      'Description',
      'ScheduleExpression',
      'EventPattern',
      'State',
      'Targets',
      'EventBusName',
      'Tags',
    ],
    supportedAttributes: ['Arn'],
    replacementProperties: ['Name', 'EventBusName'],
    async create(ctx, props) {
      return apply(
        ctx,
        optionalString(props, 'Name', ctx) ?? generatePhysicalName(ctx, { maxLength: 64 }),
        props,
      );
    },
    async update(ctx, physicalId, props) {
      return apply(ctx, physicalId, props);
    },
    async delete(_ctx, physicalId) {
      if (!events.listRules().some((r) => r.name === physicalId)) return;
      events.removeTargets(
        physicalId,
        events.describeRule(physicalId).targets.map((t) => t.id),
      );
      events.deleteRule(physicalId);
    },
  };
}

function readTargets(ctx: ProviderContext, list: readonly unknown[]): RuleTarget[] {
  return list.map((value, index) => {
    const target = asRecord(value);
    const unsupported = Object.keys(target).filter(
      (key) => !['Id', 'Arn', 'Input', 'DeadLetterConfig', 'RetryPolicy'].includes(key),
    );
    if (unsupported.length > 0) {
      throw propertyError(ctx, `Targets.${index}.${unsupported[0]}`, 'is not supported by the local cloud');
    }
    if (typeof target.Id !== 'string' || typeof target.Arn !== 'string') {
      throw propertyError(ctx, `Targets.${index}`, 'needs Id and Arn strings');
    }
    // Kept, not just accepted: an event EventBridge cannot deliver goes to this queue.
    const deadLetterArn = asRecord(target.DeadLetterConfig ?? {}).Arn;
    const retries = asRecord(target.RetryPolicy ?? {}).MaximumRetryAttempts;
    const maxAge = asRecord(target.RetryPolicy ?? {}).MaximumEventAgeInSeconds;
    return {
      id: target.Id,
      arn: target.Arn,
      ...(typeof target.Input === 'string' ? { input: target.Input } : {}),
      ...(typeof deadLetterArn === 'string' ? { deadLetterArn } : {}),
      ...(retries !== undefined ? { maximumRetryAttempts: Number(retries) } : {}),
      ...(maxAge !== undefined ? { maximumEventAgeInSeconds: Number(maxAge) } : {}),
    };
  });
}
