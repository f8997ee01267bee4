import { defineOperation } from '../../../protocol/operation.ts';
import { AwsError } from '../../../runtime/aws-error.ts';
import type { LogsService } from '../logs-service.ts';

/**
 * Tags of a log group named by its ARN (with or without the trailing `:*`); other resource types
 * (destinations, delivery sources) are not emulated.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsForResource.html
 */
export const listTagsForResource = (logs: LogsService) =>
  defineOperation({
    input: { resourceArn: { type: 'string', required: true, minLength: 1, maxLength: 1011 } },
    resource: (i) => i.resourceArn,
    handle: (i) => {
      const match = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(:\*)?$/.exec(i.resourceArn);
      if (!match?.[1]) {
        throw new AwsError(
          'ResourceNotFoundException',
          `The specified resource does not exist: ${i.resourceArn} (only log group ARNs are emulated)`,
        );
      }
      return { tags: logs.logGroupTags(match[1]) };
    },
  });

/** The older form by group name. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsLogGroup.html */
export const listTagsLogGroup = (logs: LogsService) =>
  defineOperation({
    input: { logGroupName: { type: 'string', required: true, minLength: 1, maxLength: 512 } },
    resource: (i) => logs.groupArn(i.logGroupName),
    handle: (i) => ({ tags: logs.logGroupTags(i.logGroupName) }),
  });
