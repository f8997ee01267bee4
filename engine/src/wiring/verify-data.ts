import type { StackDeployer } from '../deploy/stack-deployer.ts';
import type { DynamoDbService } from '../services/dynamodb/dynamodb-service.ts';

/**
 * Refuses to start on a data directory whose tables are gone while its stacks still list them.
 * LevelDB drops a torn write-ahead log without a word, so a damaged directory can open "cleanly"
 * and silently lose a table; serving on would look like an empty table, a silent reset.
 */
export async function verifyStackTables(
  deployer: StackDeployer,
  dynamodb: DynamoDbService,
  directory: string,
): Promise<void> {
  const missing: string[] = [];
  for (const stack of deployer.describeStacks()) {
    for (const resource of deployer.listStackResources(stack.stackName)) {
      if (
        resource.resourceType !== 'AWS::DynamoDB::Table' ||
        !resource.physicalId ||
        !resource.status.endsWith('COMPLETE')
      )
        continue;
      try {
        await dynamodb.describeTable(resource.physicalId);
      } catch (error) {
        if ((error as Error).name !== 'ResourceNotFoundException') throw error;
        missing.push(`${resource.physicalId} (stack ${stack.stackName}, ${resource.logicalId})`);
      }
    }
  }
  if (missing.length > 0) {
    throw new Error(
      `DynamoDB data directory ${directory} does not hold table(s) its stacks created: ${missing.join(', ')}. ` +
        'The data was lost or damaged (LevelDB drops a torn write-ahead log without a word). Nothing was changed: ' +
        'restore the directory from a copy, or move the whole data directory away to start empty.',
    );
  }
}
