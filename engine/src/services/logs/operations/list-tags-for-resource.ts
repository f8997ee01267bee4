import { defineOperation } from '../../../protocol/operation.ts';
import { parseArn } from '../../../runtime/arn.ts';
import { logsErrors } from '../errors.ts';
import type { LogsService } from '../service.ts';

/**
 * Tags of a log group named by its ARN (with or without the trailing `:*`); other resource types
 * (destinations, delivery sources) are not emulated.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsForResource.html
 */
/** The group a `arn:…:logs:…:log-group:<name>[:*]` ARN names; undefined for any other ARN. */
function logGroupNameOfArn(value: string): string | undefined {
  const arn = parseArn(value);
  if (!arn?.partition || arn.service !== 'logs' || !arn.resource.startsWith('log-group:')) return undefined;
  const name = arn.resource.slice('log-group:'.length).replace(/:\*$/, '');
  return name && !name.includes(':') ? name : undefined;
}

export const listTagsForResource = (logs: LogsService) =>
  defineOperation({
    input: { resourceArn: { type: 'string', required: true, minLength: 1, maxLength: 1011 } },
    resource: (i) => i.resourceArn,
    handle: (i) => {
      const name = logGroupNameOfArn(i.resourceArn);
      if (!name) throw logsErrors.resourceNotFound(i.resourceArn);
      return { tags: logs.logGroupTags(name) };
    },
  });

/** The older form by group name. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsLogGroup.html */
export const listTagsLogGroup = (logs: LogsService) =>
  defineOperation({
    input: { logGroupName: { type: 'string', required: true, minLength: 1, maxLength: 512 } },
    resource: (i) => logs.groupArn(i.logGroupName),
    handle: (i) => ({ tags: logs.logGroupTags(i.logGroupName) }),
  });
