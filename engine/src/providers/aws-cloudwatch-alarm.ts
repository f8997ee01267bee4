import type {
  AlarmDefinition,
  CloudWatchService,
  ComparisonOperator,
  Statistic,
  TreatMissingData,
} from '../services/cloudwatch/index.ts';
import {
  asRecord,
  generatePhysicalName,
  optionalBoolean,
  optionalList,
  optionalNumber,
  optionalString,
  type ProviderContext,
  propertyError,
  type ResourceProvider,
  requireNumber,
  requireString,
} from './provider.ts';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudwatch-alarm.html */
export function alarmProvider(cloudwatch: CloudWatchService): ResourceProvider {
  const apply = (ctx: ProviderContext, name: string, props: Readonly<Record<string, unknown>>) => {
    const alarm = cloudwatch.putMetricAlarm(readAlarm(ctx, name, props));
    return { physicalId: name, attributes: { Arn: alarm.alarmArn } };
  };
  return {
    type: 'AWS::CloudWatch::Alarm',
    supportedProperties: [
      'AlarmName',
      'AlarmDescription',
      'MetricName',
      'Namespace',
      'Dimensions',
      'Statistic',
      'Period',
      'EvaluationPeriods',
      'DatapointsToAlarm',
      'Threshold',
      'ComparisonOperator',
      'TreatMissingData',
      'ActionsEnabled',
      'AlarmActions',
      'OKActions',
      'InsufficientDataActions',
      'Unit',
      'Tags',
    ],
    supportedAttributes: ['Arn'],
    replacementProperties: ['AlarmName'],
    async create(ctx, props) {
      return apply(
        ctx,
        optionalString(props, 'AlarmName', ctx) ?? generatePhysicalName(ctx, { maxLength: 255 }),
        props,
      );
    },
    async update(ctx, physicalId, props) {
      return apply(ctx, physicalId, props);
    },
    async delete(_ctx, physicalId) {
      if (cloudwatch.describeAlarms({ alarmNames: [physicalId] }).length > 0)
        cloudwatch.deleteAlarms([physicalId]);
    },
  };
}

function readAlarm(
  ctx: ProviderContext,
  alarmName: string,
  props: Readonly<Record<string, unknown>>,
): AlarmDefinition {
  const dimensions: Record<string, string> = {};
  for (const [index, value] of (optionalList(props, 'Dimensions', ctx) ?? []).entries()) {
    const dimension = asRecord(value);
    if (typeof dimension.Name !== 'string' || typeof dimension.Value !== 'string') {
      throw propertyError(ctx, `Dimensions.${index}`, 'needs Name and Value strings');
    }
    dimensions[dimension.Name] = dimension.Value;
  }
  const arns = (name: string): string[] => (optionalList(props, name, ctx) ?? []).map(String);
  const datapointsToAlarm = optionalNumber(props, 'DatapointsToAlarm', ctx);
  const description = optionalString(props, 'AlarmDescription', ctx);
  const actionsEnabled = optionalBoolean(props, 'ActionsEnabled', ctx);
  return {
    alarmName,
    namespace: requireString(props, 'Namespace', ctx),
    metricName: requireString(props, 'MetricName', ctx),
    dimensions,
    statistic: (optionalString(props, 'Statistic', ctx) ?? 'Average') as Statistic,
    period: optionalNumber(props, 'Period', ctx) ?? 60,
    evaluationPeriods: requireNumber(props, 'EvaluationPeriods', ctx),
    threshold: requireNumber(props, 'Threshold', ctx),
    comparisonOperator: requireString(props, 'ComparisonOperator', ctx) as ComparisonOperator,
    treatMissingData: (optionalString(props, 'TreatMissingData', ctx) ?? 'missing') as TreatMissingData,
    alarmActions: arns('AlarmActions'),
    okActions: arns('OKActions'),
    insufficientDataActions: arns('InsufficientDataActions'),
    ...(datapointsToAlarm === undefined ? {} : { datapointsToAlarm }),
    ...(description ? { alarmDescription: description } : {}),
    ...(actionsEnabled === undefined ? {} : { actionsEnabled }),
  };
}
