import type { LogsService } from '../services/logs/index.ts';
import { generatePhysicalName, optionalString, type ResourceProvider, requireString } from './provider.ts';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-subscriptionfilter.html */
export function subscriptionFilterProvider(logs: LogsService): ResourceProvider {
  const put = (
    physicalId: string,
    props: Readonly<Record<string, unknown>>,
    ctx: Parameters<ResourceProvider['create']>[0],
  ) => {
    const roleArn = optionalString(props, 'RoleArn', ctx);
    logs.putSubscriptionFilter({
      logGroupName: requireString(props, 'LogGroupName', ctx),
      filterName: physicalId,
      filterPattern: optionalString(props, 'FilterPattern', ctx) ?? '',
      destinationArn: requireString(props, 'DestinationArn', ctx),
      ...(roleArn ? { roleArn } : {}),
    });
  };
  return {
    type: 'AWS::Logs::SubscriptionFilter',
    supportedProperties: [
      'LogGroupName',
      'FilterName',
      'FilterPattern',
      'DestinationArn',
      'RoleArn',
      'Distribution',
    ],
    supportedAttributes: [],
    replacementProperties: ['LogGroupName', 'FilterName'],
    async create(ctx, props) {
      const name = optionalString(props, 'FilterName', ctx) ?? generatePhysicalName(ctx, { maxLength: 512 });
      put(name, props, ctx);
      return { physicalId: name, attributes: {} };
    },
    async update(ctx, physicalId, props) {
      put(physicalId, props, ctx);
      return { physicalId, attributes: {} };
    },
    async delete(ctx, physicalId, props) {
      const group = requireString(props, 'LogGroupName', ctx);
      const exists = logs
        .describeLogGroups(group)
        .some(
          (g) => g.logGroupName === group && g.subscriptionFilters.some((f) => f.filterName === physicalId),
        );
      if (exists) logs.deleteSubscriptionFilter(group, physicalId);
    },
  };
}
