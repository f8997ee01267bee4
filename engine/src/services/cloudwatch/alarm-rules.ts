/**
 * What the local CloudWatch accepts in a period, a statistic and an alarm definition; each refusal
 * names the value and says what to use instead.
 */
import { COMPARISON_OPERATORS } from './alarm-evaluation.ts';
import { cloudwatchErrors } from './errors.ts';
import { STATISTICS, type Statistic } from './metric-store.ts';
import type { AlarmDefinition } from './model.ts';

export function validatePeriod(period: number): void {
  if (!(period > 0 && period % 60 === 0)) {
    throw cloudwatchErrors.invalidParameterValue(
      `Period ${period} is not supported locally: use a multiple of 60 seconds (high-resolution periods are not emulated)`,
    );
  }
}

export function validateStatistic(statistic: string): void {
  if (!STATISTICS.includes(statistic as Statistic)) {
    throw cloudwatchErrors.invalidParameterValue(
      `Statistic ${statistic} is not supported locally: use one of ${STATISTICS.join(', ')}`,
    );
  }
}

export function validateAlarmDefinition(definition: AlarmDefinition): void {
  validatePeriod(definition.period);
  validateStatistic(definition.statistic);
  if (!(definition.comparisonOperator in COMPARISON_OPERATORS)) {
    throw cloudwatchErrors.validationError(
      `Alarm ${definition.alarmName}: unsupported ComparisonOperator ${definition.comparisonOperator}`,
    );
  }
  if (
    definition.evaluationPeriods < 1 ||
    (definition.datapointsToAlarm ?? 1) > definition.evaluationPeriods
  ) {
    throw cloudwatchErrors.validationError(
      `Alarm ${definition.alarmName}: DatapointsToAlarm must be between 1 and EvaluationPeriods`,
    );
  }
}
