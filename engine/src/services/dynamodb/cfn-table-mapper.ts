import type {
  AttributeDefinition,
  CreateTableInput,
  GlobalSecondaryIndex,
  KeySchemaElement,
  LocalSecondaryIndex,
  Projection,
  ProvisionedThroughput,
  Tag,
  TimeToLiveSpecification,
} from '@aws-sdk/client-dynamodb';
import { AwsError } from '../../runtime/aws-error.ts';
import { isRecord } from './context.ts';

/**
 * What deploying one `AWS::DynamoDB::Table` takes: CreateTable, then (once ACTIVE) the settings
 * CloudFormation applies with separate API calls.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html
 */
export interface TablePlan {
  readonly createTable: CreateTableInput;
  readonly timeToLive?: TimeToLiveSpecification;
  readonly pointInTimeRecovery?: { readonly enabled: boolean; readonly recoveryPeriodInDays?: number };
}

const unsupported = (property: string, why: string): AwsError =>
  new AwsError(
    'ValidationException',
    `AWS::DynamoDB::Table property ${property} is not supported by the TapStack local engine: ${why}`,
  );
const invalid = (property: string, why: string): AwsError =>
  new AwsError('ValidationException', `AWS::DynamoDB::Table property ${property} ${why}`);

/** CloudFormation hands scalars over as strings as often as not ("5", "true"). */
function toNumber(value: unknown, property: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw invalid(property, `must be a number, got ${JSON.stringify(value)}`);
  return n;
}
function toBoolean(value: unknown, property: string): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalid(property, `must be a boolean, got ${JSON.stringify(value)}`);
}
function toText(value: unknown, property: string): string {
  if (typeof value !== 'string') throw invalid(property, `must be a string, got ${JSON.stringify(value)}`);
  return value;
}
function toRecord(value: unknown, property: string): Record<string, unknown> {
  if (!isRecord(value)) throw invalid(property, 'must be an object');
  return value;
}
function toList(value: unknown, property: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(property, 'must be a list');
  return value;
}
function onlyKnown(record: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) throw unsupported(`${path}.${key}`, 'this property is not emulated');
  }
}

const keySchema = (value: unknown, path: string): KeySchemaElement[] =>
  toList(value, path).map((element, i) => {
    const e = toRecord(element, `${path}[${i}]`);
    onlyKnown(e, ['AttributeName', 'KeyType'], `${path}[${i}]`);
    const keyType = toText(e.KeyType, `${path}[${i}].KeyType`);
    if (keyType !== 'HASH' && keyType !== 'RANGE')
      throw invalid(`${path}[${i}].KeyType`, 'must be HASH or RANGE');
    return { AttributeName: toText(e.AttributeName, `${path}[${i}].AttributeName`), KeyType: keyType };
  });

function throughput(value: unknown, path: string): ProvisionedThroughput {
  const t = toRecord(value, path);
  onlyKnown(t, ['ReadCapacityUnits', 'WriteCapacityUnits'], path);
  return {
    ReadCapacityUnits: toNumber(t.ReadCapacityUnits, `${path}.ReadCapacityUnits`),
    WriteCapacityUnits: toNumber(t.WriteCapacityUnits, `${path}.WriteCapacityUnits`),
  };
}

function projection(value: unknown, path: string): Projection {
  const p = toRecord(value, path);
  onlyKnown(p, ['ProjectionType', 'NonKeyAttributes'], path);
  const type =
    p.ProjectionType === undefined ? 'KEYS_ONLY' : toText(p.ProjectionType, `${path}.ProjectionType`);
  if (type !== 'ALL' && type !== 'KEYS_ONLY' && type !== 'INCLUDE') {
    throw invalid(`${path}.ProjectionType`, 'must be ALL, KEYS_ONLY or INCLUDE');
  }
  return {
    ProjectionType: type,
    ...(p.NonKeyAttributes !== undefined && {
      NonKeyAttributes: toList(p.NonKeyAttributes, `${path}.NonKeyAttributes`).map((a, i) =>
        toText(a, `${path}.NonKeyAttributes[${i}]`),
      ),
    }),
  };
}

function disabledOnly(value: unknown, path: string, why: string): void {
  const r = toRecord(value, path);
  if (r.Enabled !== undefined && toBoolean(r.Enabled, `${path}.Enabled`)) throw unsupported(path, why);
}

function globalIndex(value: unknown, path: string, payPerRequest: boolean): GlobalSecondaryIndex {
  const g = toRecord(value, path);
  onlyKnown(
    g,
    ['IndexName', 'KeySchema', 'Projection', 'ProvisionedThroughput', 'ContributorInsightsSpecification'],
    path,
  );
  if (g.ContributorInsightsSpecification !== undefined) {
    disabledOnly(
      g.ContributorInsightsSpecification,
      `${path}.ContributorInsightsSpecification`,
      'not emulated',
    );
  }
  if (payPerRequest && g.ProvisionedThroughput !== undefined) {
    throw invalid(`${path}.ProvisionedThroughput`, 'cannot be set when BillingMode is PAY_PER_REQUEST');
  }
  if (!payPerRequest && g.ProvisionedThroughput === undefined) {
    throw invalid(`${path}.ProvisionedThroughput`, 'is required when BillingMode is PROVISIONED');
  }
  return {
    IndexName: toText(g.IndexName, `${path}.IndexName`),
    KeySchema: keySchema(g.KeySchema, `${path}.KeySchema`),
    Projection: projection(g.Projection, `${path}.Projection`),
    ...(g.ProvisionedThroughput !== undefined && {
      ProvisionedThroughput: throughput(g.ProvisionedThroughput, `${path}.ProvisionedThroughput`),
    }),
  };
}

function localIndex(value: unknown, path: string): LocalSecondaryIndex {
  const l = toRecord(value, path);
  onlyKnown(l, ['IndexName', 'KeySchema', 'Projection'], path);
  return {
    IndexName: toText(l.IndexName, `${path}.IndexName`),
    KeySchema: keySchema(l.KeySchema, `${path}.KeySchema`),
    Projection: projection(l.Projection, `${path}.Projection`),
  };
}

/** Properties handled below; anything else fails the deploy naming the property. */
export const TABLE_PROPERTIES: readonly string[] = [
  'TableName',
  'AttributeDefinitions',
  'KeySchema',
  'BillingMode',
  'ProvisionedThroughput',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
  'SSESpecification',
  'PointInTimeRecoverySpecification',
  'TimeToLiveSpecification',
  'StreamSpecification',
  'Tags',
  'TableClass',
  'DeletionProtectionEnabled',
  'ContributorInsightsSpecification',
];
const HANDLED = new Set(TABLE_PROPERTIES);

/**
 * Maps `AWS::DynamoDB::Table` properties (already resolved: no intrinsics left) to a {@link TablePlan}.
 * `tableName` is the physical name the provider chose (the `TableName` property or a generated one).
 * Throws a ValidationException naming the property for anything not emulated (streams, Kinesis,
 * imports, resource policies, deletion protection, contributor insights, on-demand/warm throughput).
 */
export function tablePropertiesToCreateTable(props: Record<string, unknown>, tableName: string): TablePlan {
  for (const key of Object.keys(props)) {
    if (!HANDLED.has(key)) throw unsupported(key, 'this property is not emulated');
  }
  if (props.StreamSpecification !== undefined) {
    throw unsupported('StreamSpecification', 'DynamoDB Streams are not emulated');
  }
  if (
    props.DeletionProtectionEnabled !== undefined &&
    toBoolean(props.DeletionProtectionEnabled, 'DeletionProtectionEnabled')
  ) {
    throw unsupported('DeletionProtectionEnabled', 'deletion protection is not emulated');
  }
  if (props.ContributorInsightsSpecification !== undefined) {
    disabledOnly(props.ContributorInsightsSpecification, 'ContributorInsightsSpecification', 'not emulated');
  }
  if (props.TableClass !== undefined && toText(props.TableClass, 'TableClass') !== 'STANDARD') {
    throw unsupported('TableClass', 'only STANDARD is emulated');
  }
  if (props.KeySchema === undefined) throw invalid('KeySchema', 'is required');

  const billingMode =
    props.BillingMode === undefined ? 'PROVISIONED' : toText(props.BillingMode, 'BillingMode');
  if (billingMode !== 'PROVISIONED' && billingMode !== 'PAY_PER_REQUEST') {
    throw invalid('BillingMode', 'must be PROVISIONED or PAY_PER_REQUEST');
  }
  const payPerRequest = billingMode === 'PAY_PER_REQUEST';
  if (payPerRequest && props.ProvisionedThroughput !== undefined) {
    throw invalid('ProvisionedThroughput', 'cannot be set when BillingMode is PAY_PER_REQUEST');
  }
  if (!payPerRequest && props.ProvisionedThroughput === undefined) {
    throw invalid('ProvisionedThroughput', 'is required when BillingMode is PROVISIONED (the default)');
  }

  const attributeDefinitions: AttributeDefinition[] = toList(
    props.AttributeDefinitions ?? [],
    'AttributeDefinitions',
  ).map((d, i) => {
    const def = toRecord(d, `AttributeDefinitions[${i}]`);
    onlyKnown(def, ['AttributeName', 'AttributeType'], `AttributeDefinitions[${i}]`);
    const type = toText(def.AttributeType, `AttributeDefinitions[${i}].AttributeType`);
    if (type !== 'S' && type !== 'N' && type !== 'B')
      throw invalid(`AttributeDefinitions[${i}].AttributeType`, 'must be S, N or B');
    return {
      AttributeName: toText(def.AttributeName, `AttributeDefinitions[${i}].AttributeName`),
      AttributeType: type,
    };
  });

  let sse: CreateTableInput['SSESpecification'];
  if (props.SSESpecification !== undefined) {
    const s = toRecord(props.SSESpecification, 'SSESpecification');
    onlyKnown(s, ['SSEEnabled', 'SSEType', 'KMSMasterKeyId'], 'SSESpecification');
    const enabled = toBoolean(s.SSEEnabled, 'SSESpecification.SSEEnabled');
    const sseType = s.SSEType === undefined ? undefined : toText(s.SSEType, 'SSESpecification.SSEType');
    if (sseType !== undefined && sseType !== 'KMS') throw invalid('SSESpecification.SSEType', 'must be KMS');
    sse = {
      Enabled: enabled,
      ...(sseType !== undefined && { SSEType: sseType }),
      ...(s.KMSMasterKeyId !== undefined && {
        KMSMasterKeyId: toText(s.KMSMasterKeyId, 'SSESpecification.KMSMasterKeyId'),
      }),
    };
  }

  let tags: Tag[] | undefined;
  if (props.Tags !== undefined) {
    tags = toList(props.Tags, 'Tags').map((t, i) => {
      const tag = toRecord(t, `Tags[${i}]`);
      return { Key: toText(tag.Key, `Tags[${i}].Key`), Value: toText(tag.Value, `Tags[${i}].Value`) };
    });
  }

  let timeToLive: TimeToLiveSpecification | undefined;
  if (props.TimeToLiveSpecification !== undefined) {
    const t = toRecord(props.TimeToLiveSpecification, 'TimeToLiveSpecification');
    onlyKnown(t, ['AttributeName', 'Enabled'], 'TimeToLiveSpecification');
    const enabled = toBoolean(t.Enabled, 'TimeToLiveSpecification.Enabled');
    if (enabled) {
      timeToLive = {
        AttributeName: toText(t.AttributeName, 'TimeToLiveSpecification.AttributeName'),
        Enabled: true,
      };
    }
  }

  let pointInTimeRecovery: TablePlan['pointInTimeRecovery'];
  if (props.PointInTimeRecoverySpecification !== undefined) {
    const p = toRecord(props.PointInTimeRecoverySpecification, 'PointInTimeRecoverySpecification');
    onlyKnown(p, ['PointInTimeRecoveryEnabled', 'RecoveryPeriodInDays'], 'PointInTimeRecoverySpecification');
    const enabled =
      p.PointInTimeRecoveryEnabled === undefined
        ? false
        : toBoolean(
            p.PointInTimeRecoveryEnabled,
            'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
          );
    const days =
      p.RecoveryPeriodInDays === undefined
        ? undefined
        : toNumber(p.RecoveryPeriodInDays, 'PointInTimeRecoverySpecification.RecoveryPeriodInDays');
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 35)) {
      throw invalid(
        'PointInTimeRecoverySpecification.RecoveryPeriodInDays',
        'must be an integer from 1 to 35',
      );
    }
    pointInTimeRecovery = { enabled, ...(days !== undefined && { recoveryPeriodInDays: days }) };
  }

  const createTable: CreateTableInput = {
    TableName: tableName,
    AttributeDefinitions: attributeDefinitions,
    KeySchema: keySchema(props.KeySchema, 'KeySchema'),
    BillingMode: billingMode,
    ...(!payPerRequest && {
      ProvisionedThroughput: throughput(props.ProvisionedThroughput, 'ProvisionedThroughput'),
    }),
    ...(props.GlobalSecondaryIndexes !== undefined && {
      GlobalSecondaryIndexes: toList(props.GlobalSecondaryIndexes, 'GlobalSecondaryIndexes').map((g, i) =>
        globalIndex(g, `GlobalSecondaryIndexes[${i}]`, payPerRequest),
      ),
    }),
    ...(props.LocalSecondaryIndexes !== undefined && {
      LocalSecondaryIndexes: toList(props.LocalSecondaryIndexes, 'LocalSecondaryIndexes').map((l, i) =>
        localIndex(l, `LocalSecondaryIndexes[${i}]`),
      ),
    }),
    ...(sse && { SSESpecification: sse }),
    ...(tags && { Tags: tags }),
  };
  return {
    createTable,
    ...(timeToLive && { timeToLive }),
    ...(pointInTimeRecovery && { pointInTimeRecovery }),
  };
}
