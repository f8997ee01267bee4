import { join } from 'node:path';
import { type AccountContext, arn } from '../../runtime/account.ts';
import { guard } from '../../runtime/background-task.ts';
import type { Clock, TimerHandle } from '../../runtime/clock.ts';
import type { WriteGate } from '../../runtime/held-writes.ts';
import { StateFile } from '../../runtime/state-file.ts';
import { objectWith } from '../../runtime/state-file-error.ts';
import { type AlarmState, evaluateAlarm, type PeriodValue } from './alarm-evaluation.ts';
import { alarmNotification } from './alarm-notification.ts';
import { validateAlarmDefinition, validatePeriod, validateStatistic } from './alarm-rules.ts';
import { cloudwatchErrors } from './errors.ts';
import { type ExtendedStatistic, extendedStatisticValues } from './extended-statistics.ts';
import type { MetricDatum, MetricSink } from './metric-sink.ts';
import {
  type Aggregate,
  type MetricIdentity,
  MetricStore,
  type Statistic,
  statisticValue,
} from './metric-store.ts';
import type { Alarm, AlarmDefinition, AlarmHistoryItem } from './model.ts';

export interface CloudWatchServiceOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly account: AccountContext;
  /** Publishes an alarm notification to an SNS topic ARN. */
  readonly publish: (topicArn: string, subject: string, message: string) => Promise<void>;
  /**
   * Under the disk's hard floor the state is not saved (it is kept in memory, bounded by the
   * metric retention and history limits, and saved by the next save once space returns).
   */
  readonly writeGate?: WriteGate;
}

interface PersistedState {
  alarms: Record<string, Alarm>;
  history: AlarmHistoryItem[];
  metrics: ReturnType<MetricStore['toJSON']>;
}

const MINUTE = 60_000;
const MAX_HISTORY = 1_000;
/**
 * The per-minute evaluation persists metrics at most this often in REAL time (state changes and
 * close() always save). At real speed every evaluation still saves; on a fast or virtual clock,
 * an fsync per emulated minute made a virtual day cost seconds and 90 days many minutes.
 */
const EVALUATION_SAVE_INTERVAL_MS = 1_000;
const PRUNE_INTERVAL_MS = 3_600_000;

/**
 * CloudWatch metrics and alarms. Services publish their own metrics through `putMetric`; alarms
 * are evaluated every emulated minute over their N most recent complete periods, and state
 * changes are recorded and sent to the alarm's SNS actions.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 */
export class CloudWatchService implements MetricSink {
  private readonly state: StateFile<PersistedState>;
  private readonly alarms: Record<string, Alarm>;
  private readonly history: AlarmHistoryItem[];
  readonly metrics: MetricStore;
  private timer: TimerHandle | undefined;
  /** Real time (performance.now) of the last save; I/O pacing only, never emulated behaviour. */
  private lastSavedAt = Number.NEGATIVE_INFINITY;
  private lastPrunedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: CloudWatchServiceOptions) {
    this.state = new StateFile(
      join(options.dataDir, 'cloudwatch.json'),
      () => ({
        alarms: {},
        history: [],
        metrics: [],
      }),
      objectWith({ alarms: 'object', history: 'list' }),
    );
    const loaded = this.state.load();
    this.alarms = loaded.alarms;
    this.history = loaded.history;
    this.metrics = MetricStore.fromJSON(loaded.metrics);
  }

  /** Evaluates alarms a few seconds after each emulated minute, as CloudWatch does about once a minute. */
  start(): void {
    const now = this.options.clock.now();
    const next = Math.floor(now / MINUTE) * MINUTE + MINUTE + 5_000;
    this.timer = this.options.clock.setTimer(() => {
      // A failed evaluation or state save (disk full) is logged; the next minute tries again.
      void guard('CloudWatch alarm evaluation', () => this.evaluateAll()).finally(() => this.start());
    }, next - now);
  }

  close(): void {
    this.timer?.cancel();
    this.save(true);
  }

  putMetric(datum: MetricDatum): void {
    this.metrics.put(datum);
  }

  getMetricStatistics(
    input: MetricIdentity & {
      startTime: number;
      endTime: number;
      period: number;
      statistics: Statistic[];
      extendedStatistics?: readonly ExtendedStatistic[];
    },
  ) {
    validatePeriod(input.period);
    for (const statistic of input.statistics) validateStatistic(statistic);
    const extended = input.extendedStatistics ?? [];
    const periodMs = input.period * 1000;
    const periods = this.metrics.statistics(
      input,
      input.startTime,
      input.endTime,
      periodMs,
      extended.length > 0,
    );
    return [...periods]
      .sort(([a], [b]) => a - b)
      .map(([timestamp, aggregate]) => ({
        timestamp,
        ...Object.fromEntries(input.statistics.map((s) => [s, statisticValue(aggregate, s)])),
        ...(extended.length ? { extendedStatistics: extendedStatisticValues(aggregate, extended) } : {}),
      }));
  }

  listMetrics(filter: { namespace?: string; metricName?: string } = {}): MetricIdentity[] {
    return this.metrics.list(filter);
  }

  putMetricAlarm(definition: AlarmDefinition): Alarm {
    validateAlarmDefinition(definition);
    const existing = this.alarms[definition.alarmName];
    const alarm: Alarm = {
      ...definition,
      alarmArn: arn(this.options.account, 'cloudwatch', `alarm:${definition.alarmName}`),
      stateValue: existing?.stateValue ?? 'INSUFFICIENT_DATA',
      stateReason: existing?.stateReason ?? 'Unchecked: Initial alarm creation',
      stateUpdatedTimestamp: existing?.stateUpdatedTimestamp ?? this.options.clock.now(),
    };
    this.alarms[definition.alarmName] = alarm;
    this.record(
      definition.alarmName,
      'ConfigurationUpdate',
      `Alarm "${definition.alarmName}" ${existing ? 'updated' : 'created'}`,
    );
    this.save();
    return alarm;
  }

  deleteAlarms(names: readonly string[]): void {
    for (const name of names) {
      if (!this.alarms[name]) throw cloudwatchErrors.alarmNotFound(name);
    }
    for (const name of names) delete this.alarms[name];
    this.save();
  }

  describeAlarms(
    filter: { alarmNames?: readonly string[]; stateValue?: AlarmState; prefix?: string } = {},
  ): Alarm[] {
    return Object.values(this.alarms).filter(
      (a) =>
        (!filter.alarmNames || filter.alarmNames.includes(a.alarmName)) &&
        (!filter.stateValue || a.stateValue === filter.stateValue) &&
        (!filter.prefix || a.alarmName.startsWith(filter.prefix)),
    );
  }

  describeAlarmHistory(alarmName?: string): AlarmHistoryItem[] {
    return this.history.filter((h) => !alarmName || h.alarmName === alarmName).reverse();
  }

  async setAlarmState(alarmName: string, stateValue: AlarmState, stateReason: string): Promise<void> {
    const alarm = this.alarms[alarmName];
    if (!alarm) throw cloudwatchErrors.alarmNotFound(alarmName);
    await this.transition(alarm, stateValue, stateReason);
  }

  /** Evaluates every alarm against the N most recent complete periods at the clock's now. */
  async evaluateAll(): Promise<void> {
    const now = this.options.clock.now();
    for (const alarm of Object.values(this.alarms)) {
      const periodMs = alarm.period * 1000;
      const end = Math.floor(now / periodMs) * periodMs;
      const start = end - alarm.evaluationPeriods * periodMs;
      const aggregates = this.metrics.statistics(alarm, start, end, periodMs);
      const periods: PeriodValue[] = [];
      for (let t = start; t < end; t += periodMs) {
        const aggregate: Aggregate | undefined = aggregates.get(t);
        periods.push({ start: t, value: aggregate ? statisticValue(aggregate, alarm.statistic) : undefined });
      }
      const result = evaluateAlarm(
        {
          threshold: alarm.threshold,
          comparisonOperator: alarm.comparisonOperator,
          evaluationPeriods: alarm.evaluationPeriods,
          datapointsToAlarm: alarm.datapointsToAlarm ?? alarm.evaluationPeriods,
          treatMissingData: alarm.treatMissingData ?? 'missing',
        },
        periods,
        alarm.stateValue,
      );
      if (result.state !== alarm.stateValue) await this.transition(alarm, result.state, result.reason);
    }
    // Dropping datapoints past the 15 days kept scans every stored minute: hourly is plenty.
    if (now - this.lastPrunedAt >= PRUNE_INTERVAL_MS) {
      this.metrics.prune(now);
      this.lastPrunedAt = now;
    }
    if (performance.now() - this.lastSavedAt >= EVALUATION_SAVE_INTERVAL_MS) this.save();
  }

  private async transition(alarm: Alarm, next: AlarmState, reason: string): Promise<void> {
    const previous = alarm.stateValue;
    if (previous === next) return;
    alarm.stateValue = next;
    alarm.stateReason = reason;
    alarm.stateUpdatedTimestamp = this.options.clock.now();
    this.record(alarm.alarmName, 'StateUpdate', `Alarm updated from ${previous} to ${next}`);
    this.save();
    if (alarm.actionsEnabled === false) return;
    const actions =
      next === 'ALARM' ? alarm.alarmActions : next === 'OK' ? alarm.okActions : alarm.insufficientDataActions;
    for (const action of actions ?? []) {
      if (!action.includes(':sns:')) {
        this.record(
          alarm.alarmName,
          'Action',
          `Failed to execute action ${action}: only SNS topic actions are emulated`,
        );
        continue;
      }
      const message = alarmNotification(this.options.account, alarm, previous);
      await this.options.publish(
        action,
        `${next}: "${alarm.alarmName}" in ${this.options.account.region}`,
        JSON.stringify(message),
      );
      this.record(alarm.alarmName, 'Action', `Successfully executed action ${action}`);
    }
  }

  private record(
    alarmName: string,
    historyItemType: AlarmHistoryItem['historyItemType'],
    historySummary: string,
  ): void {
    this.history.push({ alarmName, timestamp: this.options.clock.now(), historyItemType, historySummary });
    if (this.history.length > MAX_HISTORY) this.history.splice(0, this.history.length - MAX_HISTORY);
  }

  private save(force = false): void {
    if (!force && this.options.writeGate?.belowFloor()) return;
    this.lastSavedAt = performance.now();
    this.state.save({ alarms: this.alarms, history: this.history, metrics: this.metrics.toJSON() });
  }
}
