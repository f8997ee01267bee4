import { AwsError } from '../runtime/aws-error.ts';
import { TABLE_PROPERTIES, tablePropertiesToCreateTable } from '../services/dynamodb/cfn-table-mapper.ts';
import type { DynamoDbService } from '../services/dynamodb/service.ts';
import { generatePhysicalName, optionalString, propertyError, type ResourceProvider } from './provider.ts';

/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html
 * Creates the table, waits until ACTIVE, then applies what CloudFormation applies with separate
 * calls (Time to Live, point-in-time recovery). Key or index changes replace the table, as on AWS
 * for key schema changes (index changes are updates on AWS; the local engine replaces instead).
 */
export function dynamoDbTableProvider(dynamodb: DynamoDbService): ResourceProvider {
  const provision = async (name: string, props: Readonly<Record<string, unknown>>, create: boolean) => {
    const { TableName: _ignored, ...rest } = props;
    const plan = tablePropertiesToCreateTable({ ...rest }, name);
    if (create) {
      await dynamodb.createTable(plan.createTable);
    }
    const table = await dynamodb.waitUntilActive(name);
    if (plan.timeToLive) {
      const current = await dynamodb.describeTimeToLive(name);
      const wanted = plan.timeToLive;
      const enabledNow = current.TimeToLiveStatus === 'ENABLED' || current.TimeToLiveStatus === 'ENABLING';
      if (
        enabledNow !== Boolean(wanted.Enabled) ||
        (wanted.Enabled && current.AttributeName !== wanted.AttributeName)
      ) {
        await dynamodb.updateTimeToLive({ TableName: name, TimeToLiveSpecification: wanted });
      }
    }
    if (plan.pointInTimeRecovery) {
      await dynamodb.updatePointInTimeRecovery(
        name,
        plan.pointInTimeRecovery.enabled,
        plan.pointInTimeRecovery.recoveryPeriodInDays,
      );
    }
    return { Arn: table.TableArn };
  };
  return {
    type: 'AWS::DynamoDB::Table',
    supportedProperties: TABLE_PROPERTIES,
    supportedAttributes: ['Arn'],
    replacementProperties: [
      'TableName',
      'KeySchema',
      'AttributeDefinitions',
      'GlobalSecondaryIndexes',
      'LocalSecondaryIndexes',
    ],
    async create(ctx, props) {
      const name = optionalString(props, 'TableName', ctx) ?? generatePhysicalName(ctx, { maxLength: 255 });
      try {
        const { Arn } = await provision(name, props, true);
        return { physicalId: name, attributes: { Arn } };
      } catch (error) {
        // The mapper names the property; surface it on the resource's property path.
        const match = error instanceof AwsError ? error.message.match(/property (\w+)/) : null;
        if (match?.[1])
          throw propertyError(ctx, match[1], error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
    async find(ctx, props) {
      const name = optionalString(props, 'TableName', ctx) ?? generatePhysicalName(ctx, { maxLength: 255 });
      try {
        return { physicalId: name, attributes: { Arn: (await dynamodb.describeTable(name)).TableArn } };
      } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    },
    async update(_ctx, physicalId, props) {
      const { Arn } = await provision(physicalId, props, false);
      return { physicalId, attributes: { Arn } };
    },
    async delete(_ctx, physicalId) {
      try {
        await dynamodb.deleteTable(physicalId);
      } catch (error) {
        if ((error as Error).name !== 'ResourceNotFoundException') throw error;
      }
    },
  };
}
