/**
 * CloudWatch Logs on the AWS endpoint (awsJson1_1, `Logs_20140328.<Operation>`), for the AWS CLI,
 * SDK clients and `tapstack logs`. Timestamps are epoch milliseconds, as the Logs API uses.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_Operations.html
 *
 * LIMITATIONS of the wire operations: one page per Describe call (no nextToken), tags only on
 * log groups (ListTagsForResource on any other ARN is ResourceNotFoundException), no
 * rejectedLogEventsInfo for events too old or too new. Facts: operations/AWS-FACTS.md.
 */
import { createHash } from 'node:crypto';
import { defineOperation } from '../../protocol/operation.ts';
import type { JsonServiceEntry } from '../../protocol/service-entry.ts';
import { AwsError } from '../../runtime/aws-error.ts';
import type { LogsService } from './logs-service.ts';
import { createLogStream } from './operations/create-log-stream.ts';
import { listTagsForResource, listTagsLogGroup } from './operations/list-tags-for-resource.ts';

const GROUP = { type: 'string', required: true, minLength: 1, maxLength: 512 } as const;
/**
 * Event ids that stay the same for an event whatever the query's window or a retention sweep
 * (`tapstack logs --follow` de-duplicates by them); an index in the result shifted with both.
 * Identical events (same stream, times and message) are told apart by their order.
 */
function withEventIds<
  E extends { logStreamName: string; timestamp: number; ingestionTime: number; message: string },
>(events: readonly E[]): [E, string][] {
  const seen = new Map<string, number>();
  return events.map((e) => {
    const digest = createHash('sha1')
      .update(`${e.logStreamName}\u0000${e.ingestionTime}\u0000${e.message}`)
      .digest('hex')
      .slice(0, 16);
    const base = `${e.timestamp}-${digest}`;
    const repeat = seen.get(base) ?? 0;
    seen.set(base, repeat + 1);
    return [e, repeat === 0 ? base : `${base}-${repeat}`];
  });
}

const logGroupArn = (logs: LogsService, name: string | undefined): string =>
  name ? logs.groupArn(name) : '*';

export function logsWireService(logs: LogsService): JsonServiceEntry {
  return {
    kind: 'json',
    iamPrefix: 'logs',
    validationCode: 'InvalidParameterException',
    protocol: { version: '1.1', targetPrefixes: ['Logs_20140328'], errorNamespace: 'com.amazonaws.logs' },
    operations: {
      CreateLogGroup: defineOperation({
        input: { logGroupName: GROUP, tags: { type: 'any' } },
        resource: (i) => logGroupArn(logs, i.logGroupName),
        handle: (i) => {
          logs.createLogGroup({
            logGroupName: i.logGroupName,
            tags: (i.tags ?? {}) as Record<string, string>,
          });
          return {};
        },
      }),
      DeleteLogGroup: defineOperation({
        input: { logGroupName: GROUP },
        resource: (i) => logGroupArn(logs, i.logGroupName),
        handle: (i) => {
          logs.deleteLogGroup(i.logGroupName);
          return {};
        },
      }),
      PutRetentionPolicy: defineOperation({
        input: { logGroupName: GROUP, retentionInDays: { type: 'integer', required: true } },
        resource: (i) => logGroupArn(logs, i.logGroupName),
        handle: (i) => {
          logs.putRetentionPolicy(i.logGroupName, i.retentionInDays);
          return {};
        },
      }),
      DescribeLogGroups: defineOperation({
        input: {
          logGroupNamePrefix: { type: 'string' },
          limit: { type: 'integer', min: 1, max: 50 },
          nextToken: { type: 'string' },
        },
        handle: (i) => ({
          logGroups: logs.describeLogGroups(i.logGroupNamePrefix ?? '').map((g) => ({
            logGroupName: g.logGroupName,
            creationTime: g.creationTime,
            arn: g.arn,
            logGroupArn: g.arn.replace(/:\*$/, ''),
            storedBytes: g.storedBytes,
            metricFilterCount: 0,
            ...(g.retentionInDays === undefined ? {} : { retentionInDays: g.retentionInDays }),
          })),
        }),
      }),
      CreateLogStream: createLogStream(logs),
      ListTagsForResource: listTagsForResource(logs),
      ListTagsLogGroup: listTagsLogGroup(logs),
      DescribeLogStreams: defineOperation({
        input: {
          logGroupName: GROUP,
          logStreamNamePrefix: { type: 'string' },
          orderBy: { type: 'string', enum: ['LogStreamName', 'LastEventTime'] },
          descending: { type: 'boolean' },
          limit: { type: 'integer', min: 1, max: 50 },
          nextToken: { type: 'string' },
        },
        resource: (i) => logGroupArn(logs, i.logGroupName),
        handle: (i) => ({
          logStreams: logs
            .describeLogStreams(i.logGroupName, {
              ...(i.logStreamNamePrefix ? { prefix: i.logStreamNamePrefix } : {}),
              ...(i.orderBy ? { orderBy: i.orderBy as 'LogStreamName' | 'LastEventTime' } : {}),
              ...(i.descending ? { descending: true } : {}),
            })
            .slice(0, i.limit ?? 50)
            .map((s) => ({
              logStreamName: s.streamName,
              creationTime: s.creationTime,
              firstEventTimestamp: s.firstEventTimestamp,
              lastEventTimestamp: s.lastEventTimestamp,
              lastIngestionTime: s.lastIngestionTime,
              arn: s.arn,
              storedBytes: s.storedBytes,
            })),
        }),
      }),
      PutLogEvents: defineOperation({
        input: {
          logGroupName: GROUP,
          logStreamName: { type: 'string', required: true, minLength: 1, maxLength: 512 },
          logEvents: {
            type: 'list',
            required: true,
            maxItems: 10_000,
            member: {
              type: 'structure',
              fields: {
                timestamp: { type: 'integer', required: true },
                message: { type: 'string', required: true },
              },
            },
          },
          sequenceToken: { type: 'string' },
        },
        resource: (i) => logGroupArn(logs, i.logGroupName),
        handle: (i) => {
          // The engine's own writers create their streams; a caller must CreateLogStream first.
          if (logs.hasLogGroup(i.logGroupName) && !logs.hasLogStream(i.logGroupName, i.logStreamName))
            throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
          logs.putLogEvents(i.logGroupName, i.logStreamName, i.logEvents);
          return { nextSequenceToken: undefined };
        },
      }),
      GetLogEvents: defineOperation({
        input: {
          logGroupName: GROUP,
          logStreamName: { type: 'string', required: true },
          startTime: { type: 'integer' },
          endTime: { type: 'integer' },
          startFromHead: { type: 'boolean' },
          limit: { type: 'integer', min: 1, max: 10_000 },
          nextToken: { type: 'string' },
        },
        resource: (i) => logGroupArn(logs, i.logGroupName),
        handle: async (i) => {
          // One page holds everything asked for; the tokens point past it, so paging ends.
          const events = await logs.getLogEvents(i);
          return {
            events: events.map((e) => ({
              timestamp: e.timestamp,
              message: e.message,
              ingestionTime: e.ingestionTime,
            })),
            nextForwardToken: `f/${String(events.at(-1)?.timestamp ?? 0).padStart(20, '0')}`,
            nextBackwardToken: `b/${String(events[0]?.timestamp ?? 0).padStart(20, '0')}`,
          };
        },
      }),
      FilterLogEvents: defineOperation({
        input: {
          logGroupName: GROUP,
          logStreamNames: { type: 'list', member: { type: 'string' } },
          filterPattern: { type: 'string' },
          startTime: { type: 'integer' },
          endTime: { type: 'integer' },
          limit: { type: 'integer', min: 1, max: 10_000 },
          nextToken: { type: 'string' },
          interleaved: { type: 'boolean' },
        },
        resource: (i) => logGroupArn(logs, i.logGroupName),
        handle: async (i) => ({
          events: withEventIds(await logs.filterLogEvents(i)).map(([e, eventId]) => ({
            logStreamName: e.logStreamName,
            timestamp: e.timestamp,
            message: e.message,
            ingestionTime: e.ingestionTime,
            eventId,
          })),
          searchedLogStreams: [],
        }),
      }),
      DescribeSubscriptionFilters: defineOperation({
        input: { logGroupName: GROUP, filterNamePrefix: { type: 'string' } },
        resource: (i) => logGroupArn(logs, i.logGroupName),
        handle: (i) => ({
          subscriptionFilters: logs
            .describeSubscriptionFilters(i.logGroupName)
            .filter((f) => f.filterName.startsWith(i.filterNamePrefix ?? ''))
            .map((f) => ({ ...f, logGroupName: i.logGroupName, distribution: 'ByLogStream' })),
        }),
      }),
    },
  };
}
