import { queueNameOfUrl } from '../../runtime/arn.ts';
import { encodePathSegment } from '../../runtime/path-segment.ts';
import type { EngineServices } from '../engine-services.ts';

/** What is wrong with one resource a stack records, as found in its service's store. */
export interface ResourceFinding {
  /** The file (relative to the data directory) that should hold it. */
  readonly file: string;
  /** In words: "has no function …", "has Time to Live off …". */
  readonly problem: string;
  /**
   * How `tapstack repair` fixes it: `recreate` forgets the resource and redeploys the recorded
   * template (creating it again, and re-pointing dependents); `reapply` updates it in place with its
   * recorded properties (settings beside data that must not be touched); `restore` cannot be
   * fixed from a template (unreadable data).
   */
  readonly fix: 'recreate' | 'reapply' | 'restore';
  /** True when the resource itself holds data that re-creating it cannot bring back. */
  readonly holdsData?: boolean;
}

type Props = Readonly<Record<string, unknown>>;
type Check = (
  services: EngineServices,
  physicalId: string,
  props: Props,
) => Promise<ResourceFinding | undefined> | ResourceFinding | undefined;

const enabled = (value: unknown, key: string): boolean | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const flag = (value as Record<string, unknown>)[key];
  return flag === undefined ? undefined : flag === true || flag === 'true';
};

const missing = (file: string, what: string, holdsData = false): ResourceFinding => ({
  file,
  problem: `has no ${what}`,
  fix: 'recreate',
  ...(holdsData ? { holdsData } : {}),
});

async function checkTable(services: EngineServices, name: string, props: Props) {
  try {
    await services.dynamodb.describeTable(name);
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException')
      return {
        file: 'dynamodb/leveldb',
        problem: `could not be read for table ${name} (${(error as Error).message})`,
        fix: 'restore',
        holdsData: true,
      } as const;
    return missing('dynamodb/leveldb', `table ${name}`, true);
  }
  const wantTtl = enabled(props.TimeToLiveSpecification, 'Enabled');
  if (wantTtl) {
    const ttl = await services.dynamodb.describeTimeToLive(name);
    if (ttl.TimeToLiveStatus !== 'ENABLED')
      return {
        file: 'dynamodb/table-settings.json',
        problem: `has Time to Live off for table ${name}, which the template enables`,
        fix: 'reapply',
      } as const;
  }
  const wantPitr = enabled(props.PointInTimeRecoverySpecification, 'PointInTimeRecoveryEnabled');
  if (wantPitr) {
    const backups = (await services.dynamodb.call('DescribeContinuousBackups', { TableName: name })) as {
      ContinuousBackupsDescription?: {
        PointInTimeRecoveryDescription?: { PointInTimeRecoveryStatus?: string };
      };
    };
    const status =
      backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
    if (status !== 'ENABLED')
      return {
        file: 'dynamodb/table-settings.json',
        problem: `has point-in-time recovery off for table ${name}, which the template enables`,
        fix: 'reapply',
      } as const;
  }
  return undefined;
}

/**
 * By resource type: where the resource lives and whether it is there. Types kept inside another
 * resource's file (routes in the API's, permissions in the function's) are checked with it.
 */
export const RESOURCE_CHECKS: Readonly<Record<string, Check>> = {
  'AWS::DynamoDB::Table': checkTable,
  'AWS::Lambda::Function': (s, name) =>
    s.lambda.listFunctions().some((f) => f.FunctionName === name)
      ? undefined
      : missing('lambda/functions.json', `function ${name}`),
  'AWS::IAM::Role': (s, name) =>
    s.iam.listRoles().some((r) => r.roleName === name) ? undefined : missing('iam/iam.json', `role ${name}`),
  'AWS::ApiGatewayV2::Api': (s, id) =>
    s.httpApi.listApis().some((a) => a.ApiId === id)
      ? undefined
      : missing('http-api/http-api.json', `API ${id}`),
  'AWS::ApiGatewayV2::Stage': (s, stage, props) => {
    const apiId = String(props.ApiId ?? '');
    if (!s.httpApi.listApis().some((a) => a.ApiId === apiId))
      return missing('http-api/http-api.json', `API ${apiId} for stage ${stage}`);
    return s.httpApi.getStages(apiId).some((x) => x.StageName === stage)
      ? undefined
      : missing('http-api/http-api.json', `stage ${stage} of API ${apiId}`);
  },
  'AWS::SQS::Queue': (s, url) => {
    const name = queueNameOfUrl(url);
    return (s.sqs.listQueues({ QueueNamePrefix: name }).QueueUrls ?? []).some(
      (u) => queueNameOfUrl(u) === name,
    )
      ? undefined
      : missing(`sqs/queues/${encodePathSegment(name)}.json`, `queue ${name}`, true);
  },
  'AWS::S3::Bucket': (s, name) =>
    s.s3.listBuckets().some((b) => b.name === name)
      ? undefined
      : missing(`s3/buckets/${encodePathSegment(name)}.json`, `bucket ${name}`, true),
  'AWS::Logs::LogGroup': (s, name) =>
    s.logs.hasLogGroup(name) ? undefined : missing('logs/groups.json', `log group ${name}`),
  'AWS::Events::Rule': (s, name) =>
    s.events.listRules(name).some((r) => r.name === name)
      ? undefined
      : missing('events/rules.json', `rule ${name}`),
  'AWS::SNS::Topic': (s, arn) =>
    s.sns.listTopics().some((t) => t.topicArn === arn) ? undefined : missing('sns/sns.json', `topic ${arn}`),
  'AWS::CloudWatch::Alarm': (s, name) =>
    s.cloudwatch.describeAlarms({ alarmNames: [name] }).length > 0
      ? undefined
      : missing('cloudwatch/cloudwatch.json', `alarm ${name}`),
  'AWS::KinesisFirehose::DeliveryStream': (s, name) =>
    (s.firehose.listDeliveryStreams().DeliveryStreamNames ?? []).includes(name)
      ? undefined
      : missing('firehose/streams.json', `delivery stream ${name}`),
};
