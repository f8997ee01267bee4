/**
 * Everything the console shows, read through AWS SDK clients against the engine's own endpoint:
 * the same service operations any AWS client calls, so pointing `config` at an AWS Region would
 * show a real stack. Only what no AWS operation answers comes from LocalExtras, and one thing an
 * operation answers at too high a price: a live Requests tab's new rows, which the engine tells
 * (`watchStoredItems`) instead of the console reading the table every tick. Without LocalExtras'
 * watch (against AWS) the same tab reads the table (requests-feed.ts), as a status-filtered tab
 * always does.
 */
import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetQueueAttributesCommand,
  type Message,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { fireRule } from '../../../cli/src/aws/fire-rule.ts';
import { countRequests, queryRequests, type RequestSummary } from '../../../cli/src/aws/query-requests.ts';
import { type RedriveResult, redriveDeadLetters } from '../../../cli/src/aws/redrive.ts';
import { loadStackHandles, type StackHandles } from '../../../cli/src/aws/stack-handles.ts';
import type { ClientConfig } from '../../../cli/src/aws/target.ts';
import { queueNameOfUrl } from '../runtime/arn.ts';
import type { LocalExtras } from './local-extras.ts';

export interface LogLine {
  readonly id: string;
  readonly source: 'function' | 'access';
  readonly timestamp: number;
  readonly message: string;
}

/** One access-log line as the Requests view uses it: whose status it is, and when it was logged. */
export interface AccessStatus {
  readonly requestId: string;
  readonly status: number;
  /** The event's time (the request's arrival, as API Gateway stamps it). */
  readonly timestamp: number;
  /** When the line was written: after the response, so this minus `timestamp` is how late it came. */
  readonly ingestionTime: number;
}

/** One requests-list row, compact for 100,000 rows: [id, iso time, method, path, source, ip, bytes, status]. */
export type RequestRow = [string, string, string, string, string, string, number, number];

/** The row of what the ByTime index projects for a request; status 0 (it is in the access log). */
export const requestRow = (item: RequestSummary): RequestRow => [
  item.RequestId,
  item.Timestamp,
  item.Method ?? '',
  item.Path ?? '',
  item.Source ?? '',
  item.SourceIp ?? '',
  Number(item.BodySize ?? 0),
  0,
];

const HANDLES_TTL_MS = 5_000;
/** FilterLogEvents' largest page. */
const MAX_FILTER_PAGE = 10_000;

export class ConsoleSource {
  private readonly cfn: CloudFormationClient;
  private readonly logs: CloudWatchLogsClient;
  private readonly cloudwatch: CloudWatchClient;
  private readonly sqs: SQSClient;
  private readonly events: EventBridgeClient;
  private readonly s3: S3Client;
  private readonly dynamo: DynamoDBDocumentClient;
  private handles: { at: number; value: Promise<StackHandles> } | undefined;

  constructor(
    readonly config: ClientConfig,
    readonly stackName: string,
    readonly extras: LocalExtras,
  ) {
    this.cfn = new CloudFormationClient(config);
    this.logs = new CloudWatchLogsClient(config);
    this.cloudwatch = new CloudWatchClient(config);
    this.sqs = new SQSClient(config);
    this.events = new EventBridgeClient(config);
    this.s3 = new S3Client({ ...config, forcePathStyle: true });
    this.dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(config));
  }

  close(): void {
    for (const client of [this.cfn, this.logs, this.cloudwatch, this.sqs, this.events, this.s3, this.dynamo])
      client.destroy();
  }

  now(): number {
    return this.extras.now();
  }

  /** The stack's physical names, cached briefly: every stream needs them every second. */
  stackHandles(): Promise<StackHandles> {
    const now = Date.now();
    if (!this.handles || now - this.handles.at > HANDLES_TTL_MS) {
      const value = loadStackHandles(this.config, this.stackName);
      value.catch(() => {
        this.handles = undefined;
      });
      this.handles = { at: now, value };
    }
    return this.handles.value;
  }

  async stack() {
    const handles = await this.stackHandles();
    const events = await this.cfn.send(new DescribeStackEventsCommand({ StackName: this.stackName }));
    const stack = (await this.cfn.send(new DescribeStacksCommand({ StackName: this.stackName }))).Stacks?.[0];
    return {
      name: this.stackName,
      status: stack?.StackStatus ?? '',
      resources: handles.resources.map((r) => ({
        logicalId: r.LogicalResourceId ?? '',
        type: r.ResourceType ?? '',
        physicalId: r.PhysicalResourceId ?? '',
        status: r.ResourceStatus ?? '',
      })),
      outputs: (stack?.Outputs ?? []).map((o) => ({ key: o.OutputKey ?? '', value: o.OutputValue ?? '' })),
      parameters: (stack?.Parameters ?? []).map((p) => ({
        key: p.ParameterKey ?? '',
        value: p.ParameterValue ?? '',
      })),
      events: (events.StackEvents ?? []).slice(0, 25).map((e) => ({
        time: e.Timestamp?.toISOString() ?? '',
        logicalId: e.LogicalResourceId ?? '',
        type: e.ResourceType ?? '',
        status: e.ResourceStatus ?? '',
        reason: e.ResourceStatusReason ?? '',
      })),
    };
  }

  /**
   * Stored requests of [from, to] through the ByTime index (never a scan), newest first. The status
   * column is 0: a status is in the access log, not the item (`accessLines` reads it).
   */
  async requests(from: number, to: number, limit: number): Promise<RequestRow[]> {
    const items = await queryRequests(this.config, await this.requestsTable(), from, to, limit, this.dynamo);
    return items.map(requestRow);
  }

  /** How many requests are stored in [from, to] (ByTime `Select: COUNT`: nothing is sent back but the count). */
  async countRequests(from: number, to: number): Promise<number> {
    return countRequests(this.dynamo, await this.requestsTable(), from, to);
  }

  /** The name of the stack's RequestDataTable (an error naming the stack when it has none). */
  async requestsTable(): Promise<string> {
    const { tableName } = await this.stackHandles();
    if (!tableName) throw new Error(`stack ${this.stackName} has no RequestDataTable`);
    return tableName;
  }

  /**
   * The access-log lines from `from` on (up to `to` when given), or only those naming one of
   * `requestIds` (FilterLogEvents' own `?"term"` pattern, so the service sends back only them).
   */
  async accessLines(
    from: number,
    options: { readonly to?: number; readonly requestIds?: readonly string[] } = {},
  ): Promise<AccessStatus[]> {
    const handles = await this.stackHandles();
    if (!handles.accessLogGroup) return [];
    const lines: AccessStatus[] = [];
    for (const event of await this.filterAll(handles.accessLogGroup, {
      startTime: from,
      ...(options.to !== undefined ? { endTime: options.to } : {}),
      ...(options.requestIds
        ? { filterPattern: options.requestIds.map((id) => `?${quotedTerm(id)}`).join(' ') }
        : {}),
    })) {
      const parsed = parseJson(event.message);
      if (parsed && typeof parsed.requestId === 'string')
        lines.push({
          requestId: parsed.requestId,
          status: Number(parsed.status) || 0,
          timestamp: event.timestamp,
          ingestionTime: event.ingestionTime,
        });
    }
    return lines;
  }

  /**
   * A fingerprint of the stack's log groups from stream metadata only (DescribeLogStreams): while
   * it stays the same no event was written, so the live ticks skip reading the logs at all.
   */
  async logsVersion(): Promise<string> {
    const handles = await this.stackHandles();
    const parts: string[] = [];
    for (const group of [handles.functionLogGroup, handles.accessLogGroup]) {
      if (!group) continue;
      const page = await this.logs.send(
        new DescribeLogStreamsCommand({
          logGroupName: group,
          orderBy: 'LastEventTime',
          descending: true,
          limit: 50,
        }),
      );
      for (const stream of page.logStreams ?? [])
        parts.push(`${group}/${stream.logStreamName}@${stream.lastIngestionTime}:${stream.storedBytes}`);
    }
    return parts.join('|');
  }

  private async filterAll(
    logGroupName: string,
    input: { startTime?: number; endTime?: number; filterPattern?: string; limit?: number },
  ) {
    const found: {
      eventId?: string;
      timestamp?: number;
      ingestionTime?: number;
      message?: string;
      logStreamName?: string;
    }[] = [];
    const want = input.limit ?? 100_000;
    let nextToken: string | undefined;
    let startTime = input.startTime;
    for (;;) {
      const pageLimit = Math.min(MAX_FILTER_PAGE, want - found.length);
      const page = await this.logs.send(
        new FilterLogEventsCommand({ logGroupName, ...input, startTime, limit: pageLimit, nextToken }),
      );
      const events = page.events ?? [];
      found.push(...events);
      nextToken = page.nextToken;
      if (found.length >= want) break;
      if (nextToken) continue;
      // Without a next token a full page may still hide later events: go on from its last instant
      // (duplicates at that instant are dropped by id below).
      const last = events.at(-1)?.timestamp;
      if (events.length < pageLimit || last === undefined || last === startTime) break;
      startTime = last;
    }
    const unique = new Map<string, (typeof found)[number]>();
    for (const e of found) unique.set(`${e.logStreamName}|${e.eventId ?? ''}|${e.timestamp}|${e.message}`, e);
    return [...unique.values()].map((e) => ({
      id: `${logGroupName}|${e.logStreamName}|${e.eventId ?? ''}|${e.timestamp}`,
      timestamp: e.timestamp ?? 0,
      ingestionTime: e.ingestionTime ?? e.timestamp ?? 0,
      message: e.message ?? '',
    }));
  }

  /** One request's item, its access-log line and the function's log lines during it. */
  async requestDetail(requestId: string, timestamp: string) {
    const handles = await this.stackHandles();
    if (!handles.tableName) throw new Error(`stack ${this.stackName} has no RequestDataTable`);
    const item = (
      await this.dynamo.send(
        new GetCommand({ TableName: handles.tableName, Key: { RequestId: requestId, Timestamp: timestamp } }),
      )
    ).Item;
    if (!item) return undefined;
    const at = Date.parse(timestamp);
    // The search window only bounds the reads; which lines belong to this request is decided by id.
    const window = { startTime: at - 60_000, endTime: at + 15 * 60_000 };
    const access = handles.accessLogGroup
      ? await this.filterAll(handles.accessLogGroup, { filterPattern: quotedTerm(requestId), ...window })
      : [];
    const accessLine = access.find((line) => parseJson(line.message)?.requestId === requestId)?.message;
    const ids = correlationIds(requestId, accessLine);
    const functionLines = handles.functionLogGroup
      ? dedupe(
          await this.filterAll(handles.functionLogGroup, {
            filterPattern: ids.map((id) => `?${quotedTerm(id)}`).join(' '),
            ...window,
          }),
        )
      : [];
    const s3 =
      typeof item.BodyS3Bucket === 'string' && typeof item.BodyS3Key === 'string'
        ? { bucket: item.BodyS3Bucket, key: item.BodyS3Key }
        : undefined;
    return { item, accessLine, functionLines: functionLines.map((l) => l.message), s3 };
  }

  async archivedBody(bucket: string, key: string) {
    const handles = await this.stackHandles();
    if (bucket !== handles.bucketName) throw new Error(`bucket ${bucket} is not this stack's archive`);
    const object = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return {
      contentType: object.ContentType ?? 'application/octet-stream',
      body: await object.Body?.transformToByteArray(),
    };
  }

  /** New log events of both groups since `startTime`, matched by FilterLogEvents' own filter pattern. */
  async logLines(startTime: number, filterPattern: string, limit: number): Promise<LogLine[]> {
    const handles = await this.stackHandles();
    const groups = [
      ['function', handles.functionLogGroup],
      ['access', handles.accessLogGroup],
    ] as const;
    const lines: LogLine[] = [];
    for (const [source, group] of groups) {
      if (!group) continue;
      const events = await this.filterAll(group, {
        startTime,
        ...(filterPattern ? { filterPattern } : {}),
        limit,
      });
      for (const e of events) lines.push({ id: e.id, timestamp: e.timestamp, message: e.message, source });
    }
    return lines.sort((a, b) => a.timestamp - b.timestamp).slice(-limit);
  }

  async metrics(rangeMs: number) {
    const handles = await this.stackHandles();
    const apiId = handles.resources.find((r) => r.LogicalResourceId === 'HttpApi')?.PhysicalResourceId;
    const queueName = handles.deadLetterQueueUrl && queueNameOfUrl(handles.deadLetterQueueUrl);
    const end = this.now();
    const period = rangeMs > 3 * 3_600_000 ? 300 : 60;
    const start = Math.floor((end - rangeMs) / (period * 1000)) * period * 1000;
    const graphs = metricGraphs(apiId, handles.functionName, queueName);
    const queries: MetricDataQuery[] = [];
    graphs.forEach((graph, g) => {
      graph.series.forEach((series, s) => {
        queries.push({
          Id: `m${g}_${s}`,
          MetricStat: {
            Metric: {
              Namespace: graph.namespace,
              MetricName: graph.metricName,
              Dimensions: graph.dimensions,
            },
            Period: period,
            Stat: series,
          },
        });
      });
    });
    const results = new Map<string, { t: number[]; v: number[] }>();
    let nextToken: string | undefined;
    do {
      const page = await this.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: new Date(start),
          EndTime: new Date(end + period * 1000),
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
        }),
      );
      for (const r of page.MetricDataResults ?? []) {
        const entry = results.get(r.Id ?? '') ?? { t: [], v: [] };
        (r.Timestamps ?? []).forEach((t, i) => {
          entry.t.push(Math.floor(t.getTime() / 1000));
          entry.v.push(r.Values?.[i] ?? 0);
        });
        results.set(r.Id ?? '', entry);
      }
      nextToken = page.NextToken;
    } while (nextToken);
    const alarms =
      (await this.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [...handles.alarmNames] })))
        .MetricAlarms ?? [];
    return {
      start: Math.floor(start / 1000),
      end: Math.floor(end / 1000),
      period,
      graphs: graphs.map((graph, g) => ({
        title: graph.title,
        unit: graph.unit,
        series: graph.series.map((stat, s) => ({ stat, ...(results.get(`m${g}_${s}`) ?? { t: [], v: [] }) })),
        thresholds: alarms
          .filter((a) => a.Namespace === graph.namespace && a.MetricName === graph.metricName)
          .map((a) => ({ alarm: a.AlarmName ?? '', value: a.Threshold ?? 0 })),
      })),
    };
  }

  async alarms() {
    const handles = await this.stackHandles();
    const alarms =
      (await this.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [...handles.alarmNames] })))
        .MetricAlarms ?? [];
    return Promise.all(
      alarms.map(async (alarm) => {
        const history =
          (
            await this.cloudwatch.send(
              new DescribeAlarmHistoryCommand({
                AlarmName: alarm.AlarmName,
                HistoryItemType: 'StateUpdate',
                MaxRecords: 50,
              }),
            )
          ).AlarmHistoryItems ?? [];
        const topics = [...new Set([...(alarm.AlarmActions ?? []), ...(alarm.OKActions ?? [])])].filter((a) =>
          a.includes(':sns:'),
        );
        const deliveries = topics
          .flatMap((topic) => this.extras.snsDeliveries(topic))
          .filter(
            (d) =>
              d.message.includes(`"AlarmName":"${alarm.AlarmName}"`) ||
              d.subject?.includes(alarm.AlarmName ?? ''),
          )
          .slice(-20)
          .reverse();
        return {
          name: alarm.AlarmName ?? '',
          description: alarm.AlarmDescription ?? '',
          state: alarm.StateValue ?? '',
          reason: alarm.StateReason ?? '',
          updated: alarm.StateUpdatedTimestamp?.toISOString() ?? '',
          metric: `${alarm.Namespace} ${alarm.MetricName} ${alarm.Statistic} ${alarm.ComparisonOperator} ${alarm.Threshold}`,
          history: history
            .map((h) => ({
              time: h.Timestamp?.toISOString() ?? '',
              summary: h.HistorySummary ?? '',
              ...stateChange(h.HistoryData, h.HistorySummary),
            }))
            .sort((a, b) => a.time.localeCompare(b.time)),
          deliveries: deliveries.map((d) => ({
            time: new Date(d.timestamp).toISOString(),
            status: d.status,
            protocol: d.protocol ?? '',
            endpoint: d.endpoint ?? '',
            subject: d.subject ?? '',
          })),
        };
      }),
    );
  }

  async deadLetters(max = 100) {
    const handles = await this.stackHandles();
    if (!handles.deadLetterQueueUrl) return { queueName: '', depth: 0, messages: [] };
    const queueUrl = handles.deadLetterQueueUrl;
    const attributes = (
      await this.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      )
    ).Attributes;
    const found = new Map<string, Message>();
    for (let round = 0; round < Math.ceil(max / 10) + 2 && found.size < max; round++) {
      const result = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
        }),
      );
      const fresh = (result.Messages ?? []).filter((m) => m.MessageId && !found.has(m.MessageId));
      if (fresh.length === 0) break;
      for (const message of fresh) found.set(message.MessageId as string, message);
    }
    return {
      queueName: queueNameOfUrl(queueUrl),
      depth: Number(attributes?.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
      messages: [...found.values()].map((m) => ({
        id: m.MessageId ?? '',
        sentAt: m.Attributes?.SentTimestamp ? new Date(Number(m.Attributes.SentTimestamp)).toISOString() : '',
        attributes: Object.fromEntries(
          Object.entries(m.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue ?? '']),
        ),
        body: m.Body ?? '',
      })),
    };
  }

  async redrive(messageIds: readonly string[] | undefined): Promise<RedriveResult> {
    const handles = await this.stackHandles();
    if (!handles.deadLetterQueueUrl) throw new Error(`stack ${this.stackName} has no DeadLetterQueue`);
    if (!handles.functionName) throw new Error(`stack ${this.stackName} has no RequestProcessorLambda`);
    return redriveDeadLetters(this.config, {
      queueUrl: handles.deadLetterQueueUrl,
      functionName: handles.functionName,
      max: messageIds ? messageIds.length : 10_000,
      ...(messageIds ? { messageIds } : {}),
    });
  }

  /** Purges only when `confirm` names the queue, so a stray call cannot empty it. */
  async purge(confirm: string): Promise<{ purged: string }> {
    const handles = await this.stackHandles();
    const queueUrl = handles.deadLetterQueueUrl;
    if (!queueUrl) throw new Error(`stack ${this.stackName} has no DeadLetterQueue`);
    const queueName = queueNameOfUrl(queueUrl);
    if (confirm !== queueName) throw new ConsoleInputError(`confirm must be the queue name ${queueName}`);
    await this.sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
    return { purged: queueName };
  }

  async schedule() {
    const handles = await this.stackHandles();
    const ruleName = handles.scheduleRuleName;
    if (!ruleName) return { now: this.now(), rules: [] };
    const rule = await this.events.send(new DescribeRuleCommand({ Name: ruleName }));
    const targets = (await this.events.send(new ListTargetsByRuleCommand({ Rule: ruleName }))).Targets ?? [];
    return {
      now: this.now(),
      rules: [
        {
          name: ruleName,
          expression: rule.ScheduleExpression ?? '',
          state: rule.State ?? '',
          description: rule.Description ?? '',
          nextFireAt: this.extras.nextFireAt(ruleName) ?? null,
          targets: targets.map((t) => t.Arn ?? ''),
        },
      ],
    };
  }

  async trigger(ruleName: string) {
    const handles = await this.stackHandles();
    if (ruleName !== handles.scheduleRuleName)
      throw new ConsoleInputError(`rule ${ruleName} is not this stack's schedule`);
    return fireRule(this.config, ruleName, this.now());
  }
}

/** Bad input from the page: answered 400 with its message. */
export class ConsoleInputError extends Error {
  override name = 'ConsoleInputError';
}

interface MetricGraph {
  readonly title: string;
  readonly unit: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: { Name: string; Value: string }[];
  readonly series: readonly string[];
}

/** The graphs the Metrics view draws; latencies and durations as p50 and p99 (CloudWatch percentile statistics). */
function metricGraphs(apiId?: string, functionName?: string, queueName?: string): MetricGraph[] {
  const api = apiId ? [{ Name: 'ApiId', Value: apiId }] : [];
  const fn = functionName ? [{ Name: 'FunctionName', Value: functionName }] : [];
  const graph = (
    title: string,
    namespace: string,
    metricName: string,
    dimensions: { Name: string; Value: string }[],
    series: string[],
    unit = 'Count',
  ): MetricGraph => ({ title, namespace, metricName, dimensions, series, unit });
  return [
    graph('API requests', 'AWS/ApiGateway', 'Count', api, ['Sum']),
    graph('API 4xx', 'AWS/ApiGateway', '4xx', api, ['Sum']),
    graph('API 5xx', 'AWS/ApiGateway', '5xx', api, ['Sum']),
    graph('API latency', 'AWS/ApiGateway', 'Latency', api, ['p50', 'p99'], 'ms'),
    graph('Lambda invocations', 'AWS/Lambda', 'Invocations', fn, ['Sum']),
    graph('Lambda errors', 'AWS/Lambda', 'Errors', fn, ['Sum']),
    graph('Lambda throttles', 'AWS/Lambda', 'Throttles', fn, ['Sum']),
    graph('Lambda duration', 'AWS/Lambda', 'Duration', fn, ['p50', 'p99'], 'ms'),
    graph('Lambda concurrent executions', 'AWS/Lambda', 'ConcurrentExecutions', fn, ['Maximum']),
    ...(queueName
      ? [
          graph(
            'Dead letters visible',
            'AWS/SQS',
            'ApproximateNumberOfMessagesVisible',
            [{ Name: 'QueueName', Value: queueName }],
            ['Maximum'],
          ),
        ]
      : []),
  ];
}

/**
 * The ids that tie one stored request to its log lines (see engine/src/console/README.md, "Request
 * correlation"): the API request id (the item's RequestId, the access line's requestId, and what
 * the function logs on failures) and the Lambda request id the access line carries as
 * integrationRequestId ($context.integration.requestId), which every START/END/REPORT line and
 * every JSON log line of that invocation carries.
 */
export function correlationIds(requestId: string, accessLine: string | undefined): string[] {
  const lambdaRequestId = parseJson(accessLine ?? '')?.integrationRequestId;
  return typeof lambdaRequestId === 'string' && lambdaRequestId !== '' && lambdaRequestId !== '-'
    ? [requestId, lambdaRequestId]
    : [requestId];
}

/** A FilterLogEvents term matching `text` anywhere in a message (quotes inside are dropped). */
const quotedTerm = (text: string): string => `"${text.replaceAll('"', '')}"`;

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The states a history item moved between: from its HistoryData (AWS) or its summary's "from X to Y". */
function stateChange(
  historyData: string | undefined,
  summary: string | undefined,
): { from?: string; to?: string } {
  const data = parseJson(historyData ?? '');
  const said = /from (\w+) to (\w+)/.exec(summary ?? '');
  if (!data && said) return { from: said[1] ?? '', to: said[2] ?? '' };
  const old = data?.oldState as { stateValue?: string } | undefined;
  const next = data?.newState as { stateValue?: string } | undefined;
  return {
    ...(old?.stateValue ? { from: old.stateValue } : {}),
    ...(next?.stateValue ? { to: next.stateValue } : {}),
  };
}

function dedupe<T extends { id: string; timestamp: number }>(lines: T[]): T[] {
  const seen = new Map<string, T>();
  for (const line of lines) seen.set(line.id, line);
  return [...seen.values()].sort((a, b) => a.timestamp - b.timestamp);
}
