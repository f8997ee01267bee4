import { join } from 'node:path';
import { type AccountContext, arn } from '../../runtime/account.ts';
import { AwsError } from '../../runtime/aws-error.ts';
import { guard } from '../../runtime/background-task.ts';
import type { Clock, TimerHandle } from '../../runtime/clock.ts';
import type { WriteGate } from '../../runtime/held-writes.ts';
import { StateFile } from '../../runtime/state-file.ts';
import { objectWith } from '../../runtime/state-file-error.ts';
import {
  type AlarmState,
  COMPARISON_OPERATORS,
  type ComparisonOperator,
  evaluateAlarm,
  type PeriodValue,
  type TreatMissingData,
} from './alarm-evaluation.ts';
import type { MetricDatum, MetricSink } from './metric-sink.ts';
import {
  type Aggregate,
  type MetricIdentity,
  MetricStore,
  STATISTICS,
  type Statistic,
  statisticValue,
} from './metric-store.ts';

export interface AlarmDefinition {
  readonly alarmName: string;
  readonly alarmDescription?: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: Statistic;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  readonly treatMissingData?: TreatMissingData;
  readonly actionsEnabled?: boolean;
  readonly alarmActions?: readonly string[];
  readonly okActions?: readonly string[];
  readonly insufficientDataActions?: readonly string[];
}

export interface Alarm extends AlarmDefinition {
  readonly alarmArn: string;
  stateValue: AlarmState;
  stateReason: string;
  stateUpdatedTimestamp: number;
}

export interface AlarmHistoryItem {
  readonly alarmName: string;
  readonly timestamp: number;
  readonly historyItemType: 'StateUpdate' | 'ConfigurationUpdate' | 'Action';
  readonly historySummary: string;
}

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
    input: MetricIdentity & { startTime: number; endTime: number; period: number; statistics: Statistic[] },
  ) {
    validatePeriod(input.period);
    for (const statistic of input.statistics) validateStatistic(statistic);
    const periods = this.metrics.statistics(input, input.startTime, input.endTime, input.period * 1000);
    return [...periods]
      .sort(([a], [b]) => a - b)
      .map(([timestamp, aggregate]) => ({
        timestamp,
        ...Object.fromEntries(input.statistics.map((s) => [s, statisticValue(aggregate, s)])),
      }));
  }

  listMetrics(filter: { namespace?: string; metricName?: string } = {}): MetricIdentity[] {
    return this.metrics.list(filter);
  }

  putMetricAlarm(definition: AlarmDefinition): Alarm {
    validatePeriod(definition.period);
    validateStatistic(definition.statistic);
    if (!(definition.comparisonOperator in COMPARISON_OPERATORS)) {
      throw new AwsError(
        'ValidationError',
        `Alarm ${definition.alarmName}: unsupported ComparisonOperator ${definition.comparisonOperator}`,
      );
    }
    if (
      definition.evaluationPeriods < 1 ||
      (definition.datapointsToAlarm ?? 1) > definition.evaluationPeriods
    ) {
      throw new AwsError(
        'ValidationError',
        `Alarm ${definition.alarmName}: DatapointsToAlarm must be between 1 and EvaluationPeriods`,
      );
    }
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
      if (!this.alarms[name]) throw new AwsError('ResourceNotFound', `Alarm ${name} does not exist`, 404);
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
    if (!alarm) throw new AwsError('ResourceNotFound', `Alarm ${alarmName} does not exist`, 404);
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
      const message = this.notification(alarm, previous);
      await this.options.publish(
        action,
        `${next}: "${alarm.alarmName}" in ${this.options.account.region}`,
        JSON.stringify(message),
      );
      this.record(alarm.alarmName, 'Action', `Successfully executed action ${action}`);
    }
  }

  /** The JSON CloudWatch publishes to SNS for an alarm state change. */
  private notification(alarm: Alarm, previous: AlarmState) {
    return {
      AlarmName: alarm.alarmName,
      AlarmDescription: alarm.alarmDescription ?? null,
      AWSAccountId: this.options.account.accountId,
      AlarmConfigurationUpdatedTimestamp: new Date(alarm.stateUpdatedTimestamp).toISOString(),
      NewStateValue: alarm.stateValue,
      NewStateReason: alarm.stateReason,
      StateChangeTime: new Date(alarm.stateUpdatedTimestamp).toISOString(),
      Region: this.options.account.region,
      AlarmArn: alarm.alarmArn,
      OldStateValue: previous,
      Trigger: {
        MetricName: alarm.metricName,
        Namespace: alarm.namespace,
        StatisticType: 'Statistic',
        Statistic: alarm.statistic.toUpperCase(),
        Unit: null,
        Dimensions: Object.entries(alarm.dimensions).map(([name, value]) => ({ name, value })),
        Period: alarm.period,
        EvaluationPeriods: alarm.evaluationPeriods,
        DatapointsToAlarm: alarm.datapointsToAlarm ?? alarm.evaluationPeriods,
        ComparisonOperator: alarm.comparisonOperator,
        Threshold: alarm.threshold,
        TreatMissingData: alarm.treatMissingData ?? 'missing',
      },
    };
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

function validatePeriod(period: number): void {
  if (!(period > 0 && period % 60 === 0)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Period ${period} is not supported locally: use a multiple of 60 seconds (high-resolution periods are not emulated)`,
    );
  }
}

function validateStatistic(statistic: string): void {
  if (!STATISTICS.includes(statistic as Statistic)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Statistic ${statistic} is not supported locally: use one of ${STATISTICS.join(', ')}`,
    );
  }
}
