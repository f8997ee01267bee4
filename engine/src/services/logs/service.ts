import { join } from 'node:path';
import { type AccountContext, arn } from '../../runtime/account.ts';
import { guard } from '../../runtime/background-task.ts';
import type { Clock, TimerHandle } from '../../runtime/clock.ts';
import type { WriteGate } from '../../runtime/held-writes.ts';
import { StateFile } from '../../runtime/state-file.ts';
import { mapOfObjects } from '../../runtime/state-file-error.ts';
import { logsErrors } from './errors.ts';
import { compileFilterPattern } from './filter-pattern.ts';
import type { LogGroup, SubscriptionFilter } from './model.ts';
import { isValidRetention, retentionCutoff } from './retention.ts';
import type { LogEvent, LogSink } from './sink.ts';
import { type StoredEvent, StreamStore } from './stream-store.ts';
import { streamMayHold } from './stream-time-index.ts';
import { SubscriptionOutbox } from './subscription-outbox.ts';

export interface LogsServiceOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly account: AccountContext;
  /** Delivers a gzip subscription payload to its destination (a Firehose stream ARN). */
  readonly deliver?: (destinationArn: string, data: Buffer) => Promise<void>;
  /** Called when a delivery fails; AWS retries and then drops, we report. */
  readonly onDeliveryError?: (destinationArn: string, error: unknown) => void;
  /**
   * Local deviation (`tapstack up --retention-scale N`): retention periods last 1/N of what the
   * groups declare, and retention is enforced N times as often, so a load test does not fill the disk.
   */
  readonly retentionScale?: number;
  /** Under the disk's hard floor, stream appends wait in memory (bounded) instead of being written. */
  readonly writeGate?: WriteGate;
}

/** How often retention is enforced, in emulated time. */
const RETENTION_SWEEP_MS = 3_600_000;
const MAX_SUBSCRIPTION_FILTERS = 2;

/**
 * CloudWatch Logs: groups, streams and events on disk, retention enforced on the clock, and
 * subscription filters that deliver gzip envelopes to Firehose.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/Welcome.html
 */
export class LogsService implements LogSink {
  private readonly state: StateFile<Record<string, LogGroup>>;
  private readonly groups: Record<string, LogGroup>;
  private readonly store: StreamStore;
  private readonly outbox: SubscriptionOutbox;
  private sweepTimer: TimerHandle | undefined;
  /** The timer's sweeps, one after another (each rewrites stream files). */
  private sweeping: Promise<void> = Promise.resolve();

  constructor(private readonly options: LogsServiceOptions) {
    this.state = new StateFile(join(options.dataDir, 'groups.json'), () => ({}), mapOfObjects);
    // Keyed by name without a prototype: `constructor` and `__proto__` are valid group names.
    this.groups = Object.assign(Object.create(null) as Record<string, LogGroup>, this.state.load());
    this.store = new StreamStore(join(options.dataDir, 'streams'));
    this.outbox = new SubscriptionOutbox(options);
    this.store.gate = options.writeGate;
  }

  async start(): Promise<void> {
    await this.store.load();
    this.scheduleSweep();
  }

  async close(): Promise<void> {
    this.sweepTimer?.cancel();
    this.outbox.cancelTimer();
    await this.sweeping.catch(() => undefined);
    await this.outbox.deliver();
    await this.store.close();
  }

  createLogGroup(input: {
    logGroupName: string;
    retentionInDays?: number;
    tags?: Record<string, string>;
  }): LogGroup {
    validateGroupName(input.logGroupName);
    if (this.groups[input.logGroupName]) {
      throw logsErrors.groupExists(input.logGroupName);
    }
    if (input.retentionInDays !== undefined) validateRetention(input.retentionInDays);
    const group: LogGroup = {
      logGroupName: input.logGroupName,
      creationTime: this.options.clock.now(),
      subscriptionFilters: [],
      tags: { ...(input.tags ?? {}) },
      ...(input.retentionInDays === undefined ? {} : { retentionInDays: input.retentionInDays }),
    };
    this.groups[input.logGroupName] = group;
    this.save();
    return group;
  }

  deleteLogGroup(logGroupName: string): void {
    this.requireGroup(logGroupName);
    delete this.groups[logGroupName];
    this.store.deleteGroup(logGroupName);
    this.save();
  }

  putRetentionPolicy(logGroupName: string, retentionInDays: number | undefined): void {
    const group = this.requireGroup(logGroupName);
    if (retentionInDays === undefined) delete group.retentionInDays;
    else {
      validateRetention(retentionInDays);
      group.retentionInDays = retentionInDays;
    }
    this.save();
  }

  hasLogGroup(logGroupName: string): boolean {
    return Object.hasOwn(this.groups, logGroupName);
  }

  describeLogGroups(prefix = ''): (LogGroup & { arn: string; storedBytes: number })[] {
    return Object.values(this.groups)
      .filter((group) => group.logGroupName.startsWith(prefix))
      .sort((a, b) => a.logGroupName.localeCompare(b.logGroupName))
      .map((group) => ({
        ...group,
        arn: this.groupArn(group.logGroupName),
        storedBytes: this.store.streamsOf(group.logGroupName).reduce((sum, s) => sum + s.storedBytes, 0),
      }));
  }

  groupArn(logGroupName: string): string {
    return `${arn(this.options.account, 'logs', `log-group:${logGroupName}`)}:*`;
  }

  describeLogStreams(
    logGroupName: string,
    options: { prefix?: string; orderBy?: 'LogStreamName' | 'LastEventTime'; descending?: boolean } = {},
  ) {
    this.requireGroup(logGroupName);
    const streams = this.store
      .streamsOf(logGroupName)
      .filter((meta) => meta.streamName.startsWith(options.prefix ?? ''))
      .map((meta) => ({
        ...meta,
        arn: arn(this.options.account, 'logs', `log-group:${logGroupName}:log-stream:${meta.streamName}`),
      }));
    const byTime = options.orderBy === 'LastEventTime';
    streams.sort((a, b) =>
      byTime
        ? (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0)
        : a.streamName.localeCompare(b.streamName),
    );
    if (options.descending) streams.reverse();
    return streams;
  }

  /**
   * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogStream.html
   * Names are 1-512 characters without `:` or `*`.
   */
  createLogStream(logGroupName: string, logStreamName: string): void {
    this.requireGroup(logGroupName);
    if (!/^[^:*]{1,512}$/.test(logStreamName)) {
      throw logsErrors.invalidStreamName(logStreamName);
    }
    if (this.store.has(logGroupName, logStreamName)) {
      throw logsErrors.streamExists();
    }
    this.store.create(logGroupName, logStreamName, this.options.clock.now());
  }

  /** Whether the stream exists (PutLogEvents on the wire needs it; the engine's own writers create theirs). */
  hasLogStream(logGroupName: string, logStreamName: string): boolean {
    return this.store.has(logGroupName, logStreamName);
  }

  /** The group's tags, or ResourceNotFoundException. */
  logGroupTags(logGroupName: string): Readonly<Record<string, string>> {
    return { ...this.requireGroup(logGroupName).tags };
  }

  /** The LogSink used by the engine's own writers (Lambda output, access logs). */
  putLogEvents(logGroupName: string, logStreamName: string, events: readonly LogEvent[]): void {
    const group = this.groups[logGroupName];
    if (!group) throw logsErrors.groupNotFound(logGroupName);
    const now = this.options.clock.now();
    const stored = events.map((event) => ({ ...event, ingestionTime: now }));
    this.store.append(logGroupName, logStreamName, stored, now);
    for (const filter of group.subscriptionFilters)
      this.outbox.enqueue(filter, group.logGroupName, logStreamName, stored);
  }

  async getLogEvents(input: {
    logGroupName: string;
    logStreamName: string;
    startTime?: number;
    endTime?: number;
    startFromHead?: boolean;
    limit?: number;
  }): Promise<StoredEvent[]> {
    this.requireGroup(input.logGroupName);
    const events = (await this.store.read(input.logGroupName, input.logStreamName, input.startTime)).filter(
      (e) =>
        (input.startTime === undefined || e.timestamp >= input.startTime) &&
        (input.endTime === undefined || e.timestamp < input.endTime),
    );
    const limit = input.limit ?? 10_000;
    return input.startFromHead ? events.slice(0, limit) : events.slice(-limit);
  }

  async filterLogEvents(input: {
    logGroupName: string;
    logStreamNames?: string[];
    filterPattern?: string;
    startTime?: number;
    endTime?: number;
    limit?: number;
  }) {
    this.requireGroup(input.logGroupName);
    const matches = compileFilterPattern(input.filterPattern);
    const found: (StoredEvent & { logStreamName: string })[] = [];
    for (const meta of this.store.streamsOf(input.logGroupName)) {
      if (input.logStreamNames && !input.logStreamNames.includes(meta.streamName)) continue;
      if (!streamMayHold(meta, input.startTime, input.endTime)) continue;
      for (const event of await this.store.read(input.logGroupName, meta.streamName, input.startTime)) {
        if (input.startTime !== undefined && event.timestamp < input.startTime) continue;
        if (input.endTime !== undefined && event.timestamp > input.endTime) continue;
        if (matches(event.message)) found.push({ ...event, logStreamName: meta.streamName });
      }
    }
    found.sort((a, b) => a.timestamp - b.timestamp);
    return found.slice(0, input.limit ?? 10_000);
  }

  putSubscriptionFilter(input: {
    logGroupName: string;
    filterName: string;
    filterPattern: string;
    destinationArn: string;
    roleArn?: string;
  }): void {
    const group = this.requireGroup(input.logGroupName);
    compileFilterPattern(input.filterPattern);
    const others = group.subscriptionFilters.filter((f) => f.filterName !== input.filterName);
    if (others.length >= MAX_SUBSCRIPTION_FILTERS) {
      throw logsErrors.limitExceeded(
        `Resource limit exceeded: ${input.logGroupName} already has ${MAX_SUBSCRIPTION_FILTERS} subscription filters`,
      );
    }
    group.subscriptionFilters = [
      ...others,
      {
        filterName: input.filterName,
        filterPattern: input.filterPattern,
        destinationArn: input.destinationArn,
        creationTime: this.options.clock.now(),
        ...(input.roleArn ? { roleArn: input.roleArn } : {}),
      },
    ];
    this.save();
  }

  deleteSubscriptionFilter(logGroupName: string, filterName: string): void {
    const group = this.requireGroup(logGroupName);
    if (!group.subscriptionFilters.some((f) => f.filterName === filterName)) {
      throw logsErrors.subscriptionFilterNotFound(filterName);
    }
    group.subscriptionFilters = group.subscriptionFilters.filter((f) => f.filterName !== filterName);
    this.save();
  }

  describeSubscriptionFilters(logGroupName: string): SubscriptionFilter[] {
    return [...this.requireGroup(logGroupName).subscriptionFilters];
  }

  /** Enforces retention now (also runs every emulated hour). */
  async sweepRetention(now = this.options.clock.now()): Promise<void> {
    for (const group of Object.values(this.groups)) {
      const cutoff = retentionCutoff(now, group.retentionInDays, this.options.retentionScale);
      if (cutoff !== undefined) await this.store.expire(group.logGroupName, cutoff);
    }
  }

  /** Sends every batched subscription payload now (also runs on a short timer). */
  async deliverOutbox(): Promise<void> {
    await this.outbox.deliver();
  }

  private scheduleSweep(): void {
    this.sweepTimer = this.options.clock.setTimer(
      () => {
        // Re-arm at once: the cadence is emulated time. Re-arming after the sweep's real-time I/O let
        // a fast clock run hours past it, so expired events stayed long after their retention.
        this.scheduleSweep();
        const at = this.options.clock.now();
        this.sweeping = this.sweeping
          .catch(() => undefined)
          .then(() => guard('CloudWatch Logs retention sweep', () => this.sweepRetention(at)))
          .then(() => undefined);
      },
      RETENTION_SWEEP_MS / (this.options.retentionScale ?? 1),
    );
  }

  private requireGroup(name: string): LogGroup {
    const group = this.groups[name];
    if (!group) throw logsErrors.groupNotFound(name);
    return group;
  }

  private save(): void {
    this.state.save(this.groups);
  }
}

function validateGroupName(name: string): void {
  if (!/^[.\-_/#A-Za-z0-9]{1,512}$/.test(name)) {
    throw logsErrors.invalidGroupName(name);
  }
}

function validateRetention(days: number): void {
  if (!isValidRetention(days)) {
    throw logsErrors.invalidRetention(days);
  }
}
