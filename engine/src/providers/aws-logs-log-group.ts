import type { LogsService } from '../services/logs/index.ts';
import {
  generatePhysicalName,
  optionalNumber,
  optionalString,
  type ResourceProvider,
  readTags,
} from './provider.ts';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-loggroup.html */
export function logGroupProvider(logs: LogsService): ResourceProvider {
  return {
    type: 'AWS::Logs::LogGroup',
    supportedProperties: ['LogGroupName', 'RetentionInDays', 'Tags', 'LogGroupClass'],
    supportedAttributes: ['Arn'],
    replacementProperties: ['LogGroupName', 'LogGroupClass'],
    async create(ctx, props) {
      const name =
        optionalString(props, 'LogGroupName', ctx) ?? generatePhysicalName(ctx, { maxLength: 512 });
      const retentionInDays = optionalNumber(props, 'RetentionInDays', ctx);
      logs.createLogGroup({
        logGroupName: name,
        tags: readTags(props, ctx),
        ...(retentionInDays === undefined ? {} : { retentionInDays }),
      });
      return { physicalId: name, attributes: { Arn: logs.groupArn(name) } };
    },
    async find(ctx, props) {
      const name =
        optionalString(props, 'LogGroupName', ctx) ?? generatePhysicalName(ctx, { maxLength: 512 });
      return logs.describeLogGroups(name).some((g) => g.logGroupName === name)
        ? { physicalId: name, attributes: { Arn: logs.groupArn(name) } }
        : undefined;
    },
    async update(ctx, physicalId, props) {
      logs.putRetentionPolicy(physicalId, optionalNumber(props, 'RetentionInDays', ctx));
      return { physicalId, attributes: { Arn: logs.groupArn(physicalId) } };
    },
    async delete(_ctx, physicalId) {
      if (logs.describeLogGroups(physicalId).some((g) => g.logGroupName === physicalId))
        logs.deleteLogGroup(physicalId);
    },
  };
}
