import type { AlarmState, ComparisonOperator, TreatMissingData } from './alarm-evaluation.ts';
import type { Statistic } from './metric-store.ts';

/** An alarm as a stack or a caller defines it (PutMetricAlarm's fields). */
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
