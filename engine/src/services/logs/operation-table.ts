/**
 * CloudWatch Logs on the AWS endpoint (awsJson1_1, `Logs_20140328.<Operation>`), for the AWS CLI,
 * SDK clients and `tapstack logs`. Timestamps are epoch milliseconds, as the Logs API uses.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_Operations.html
 *
 * LIMITATIONS of the wire operations: one page per Describe call (no nextToken), tags only on
 * log groups (ListTagsForResource on any other ARN is ResourceNotFoundException), no
 * rejectedLogEventsInfo for events too old or too new. Facts: operations/AWS-FACTS.md.
 */
import type { JsonServiceEntry } from '../../protocol/service-entry.ts';
import { createLogGroup } from './operations/create-log-group.ts';
import { createLogStream } from './operations/create-log-stream.ts';
import { deleteLogGroup } from './operations/delete-log-group.ts';
import { describeLogGroups } from './operations/describe-log-groups.ts';
import { describeLogStreams } from './operations/describe-log-streams.ts';
import { describeSubscriptionFilters } from './operations/describe-subscription-filters.ts';
import { filterLogEvents } from './operations/filter-log-events.ts';
import { getLogEvents } from './operations/get-log-events.ts';
import { listTagsForResource, listTagsLogGroup } from './operations/list-tags-for-resource.ts';
import { putLogEvents } from './operations/put-log-events.ts';
import { putRetentionPolicy } from './operations/put-retention-policy.ts';
import type { LogsService } from './service.ts';

export function logsServiceEntry(logs: LogsService): JsonServiceEntry {
  return {
    kind: 'json',
    iamPrefix: 'logs',
    validationCode: 'InvalidParameterException',
    protocol: { version: '1.1', targetPrefixes: ['Logs_20140328'], errorNamespace: 'com.amazonaws.logs' },
    operations: {
      CreateLogGroup: createLogGroup(logs),
      DeleteLogGroup: deleteLogGroup(logs),
      PutRetentionPolicy: putRetentionPolicy(logs),
      DescribeLogGroups: describeLogGroups(logs),
      CreateLogStream: createLogStream(logs),
      ListTagsForResource: listTagsForResource(logs),
      ListTagsLogGroup: listTagsLogGroup(logs),
      DescribeLogStreams: describeLogStreams(logs),
      PutLogEvents: putLogEvents(logs),
      GetLogEvents: getLogEvents(logs),
      FilterLogEvents: filterLogEvents(logs),
      DescribeSubscriptionFilters: describeSubscriptionFilters(logs),
    },
  };
}
