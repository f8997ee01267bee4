import { CfnCondition, CfnParameter, Fn } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * Retention periods CloudWatch Logs accepts for `RetentionInDays`; any other number fails the deploy.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-loggroup.html
 */
export const LOG_RETENTION_DAYS: readonly string[] = [
  '1',
  '3',
  '5',
  '7',
  '14',
  '30',
  '60',
  '90',
  '120',
  '150',
  '180',
  '365',
  '400',
  '545',
  '731',
  '1096',
  '1827',
  '2192',
  '2557',
  '2922',
  '3288',
  '3653',
];

/** The template's parameters and conditions, as typed handles for the constructs. */
export interface StackParameters {
  readonly environmentSuffix: CfnParameter;
  readonly alarmEmail: CfnParameter;
  readonly hasAlarmEmail: CfnCondition;
  readonly logRetentionDays: CfnParameter;
  readonly accessLogRetentionDays: CfnParameter;
  readonly archiveRetentionDays: CfnParameter;
  readonly requestRetentionDays: CfnParameter;
  readonly throttlingRateLimit: CfnParameter;
  readonly throttlingBurstLimit: CfnParameter;
}

function days(scope: Construct, id: string, description: string, defaultValue: number): CfnParameter {
  return new CfnParameter(scope, id, {
    type: 'Number',
    default: defaultValue,
    minValue: 1,
    maxValue: 3650,
    description,
    constraintDescription: 'must be a whole number of days from 1 to 3650',
  });
}

function logDays(scope: Construct, id: string, description: string): CfnParameter {
  return new CfnParameter(scope, id, {
    type: 'Number',
    // A string, like the allowed values, so validators compare like with like.
    default: '7',
    allowedValues: [...LOG_RETENTION_DAYS],
    description,
    constraintDescription:
      'must be a retention period CloudWatch Logs supports (1, 3, 5, 7, 14, 30, ... 3653)',
  });
}

/**
 * Declares every parameter at stack level so their logical IDs are the plain names the deploy
 * command passes (`--parameter-overrides EnvironmentSuffix=dev`). The patterns are anchored so the
 * local engine (JavaScript RegExp) and CloudFormation (Java, whole-string match) agree.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 */
export function declareStackParameters(scope: Construct): StackParameters {
  const environmentSuffix = new CfnParameter(scope, 'EnvironmentSuffix', {
    type: 'String',
    default: 'dev',
    allowedPattern: '^[a-zA-Z0-9-]+$',
    minLength: 1,
    maxLength: 32,
    description: 'Environment name, applied as the Environment tag on every taggable resource',
    constraintDescription: 'must be 1-32 letters, digits or hyphens',
  });
  const alarmEmail = new CfnParameter(scope, 'AlarmEmail', {
    type: 'String',
    default: '',
    allowedPattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    maxLength: 254,
    description: 'Email address subscribed to alarm notifications (empty: no subscription)',
    constraintDescription: 'must be empty or an email address',
  });
  const hasAlarmEmail = new CfnCondition(scope, 'HasAlarmEmail', {
    expression: Fn.conditionNot(Fn.conditionEquals(alarmEmail.valueAsString, '')),
  });
  return {
    environmentSuffix,
    alarmEmail,
    hasAlarmEmail,
    logRetentionDays: logDays(scope, 'LogRetentionDays', 'Days to keep the function log group'),
    accessLogRetentionDays: logDays(
      scope,
      'AccessLogRetentionDays',
      'Days to keep API access logs in CloudWatch',
    ),
    archiveRetentionDays: days(scope, 'ArchiveRetentionDays', 'Days to keep archived objects in S3', 90),
    requestRetentionDays: days(
      scope,
      'RequestRetentionDays',
      'Days before a stored request expires (TTL)',
      90,
    ),
    throttlingRateLimit: new CfnParameter(scope, 'ThrottlingRateLimit', {
      type: 'Number',
      default: 100,
      minValue: 1,
      maxValue: 10000,
      description: 'Steady-state requests per second allowed on the API stage',
      constraintDescription: 'must be from 1 to 10000 (the default account quota)',
    }),
    throttlingBurstLimit: new CfnParameter(scope, 'ThrottlingBurstLimit', {
      type: 'Number',
      default: 200,
      minValue: 1,
      maxValue: 5000,
      description: 'Burst requests allowed on the API stage',
      constraintDescription: 'must be from 1 to 5000 (the default account burst quota)',
    }),
  };
}
