import { isRecord, type OperationHandler, rejectStreams, tableNameOf } from '../context.ts';
import { runDynaliteOperation } from '../dynalite-engine.ts';
import { dynamoDbErrors } from '../errors.ts';
import { decorateDescription } from '../table-description.ts';
import type { TableSettings } from '../table-settings.ts';

/** Reads `SSESpecification` as CreateTable/UpdateTable accept it. */
export function parseSseSpecification(value: unknown): TableSettings['sse'] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw dynamoDbErrors.validation('SSESpecification must be an object');
  const { Enabled, SSEType, KMSMasterKeyId } = value;
  if (Enabled !== undefined && typeof Enabled !== 'boolean') {
    throw dynamoDbErrors.validation('SSESpecification.Enabled must be a boolean');
  }
  if (SSEType !== undefined && SSEType !== 'KMS' && SSEType !== 'AES256') {
    throw dynamoDbErrors.validation(`SSESpecification.SSEType must be KMS or AES256, got ${String(SSEType)}`);
  }
  if (KMSMasterKeyId !== undefined && typeof KMSMasterKeyId !== 'string') {
    throw dynamoDbErrors.validation('SSESpecification.KMSMasterKeyId must be a string');
  }
  if (KMSMasterKeyId !== undefined && Enabled !== true) {
    throw dynamoDbErrors.validation(
      'One or more parameter values were invalid: KMSMasterKeyId can only be set when SSE is enabled',
    );
  }
  return {
    enabled: Enabled === true,
    ...(SSEType !== undefined && { sseType: SSEType }),
    ...(KMSMasterKeyId !== undefined && { kmsMasterKeyId: KMSMasterKeyId }),
  };
}

/** Reads and checks `Tags` up front so a bad tag cannot leave a half-created table behind. */
function parseTags(value: unknown): { Key: string; Value: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw dynamoDbErrors.validation('Tags must be a list');
  return value.map((tag, index) => {
    if (!isRecord(tag) || typeof tag.Key !== 'string' || typeof tag.Value !== 'string') {
      throw dynamoDbErrors.validation(`Tags.${index + 1} must have a string Key and Value`);
    }
    if (tag.Key.length < 1 || tag.Key.length > 128 || tag.Value.length > 256) {
      throw dynamoDbErrors.validation(
        `Tags.${index + 1}: Key must be 1-128 characters and Value at most 256`,
      );
    }
    return { Key: tag.Key, Value: tag.Value };
  });
}

/**
 * CreateTable: dynalite creates the table; this adds what dynalite drops (SSESpecification, Tags)
 * and refuses Streams. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
 */
export const createTable: OperationHandler = async (ctx, input) => {
  const tableName = tableNameOf(input);
  rejectStreams(input);
  const sse = parseSseSpecification(input.SSESpecification);
  const tags = parseTags(input.Tags);
  const result = (await runDynaliteOperation(ctx.store, 'CreateTable', input)) as {
    TableDescription: { TableArn: string };
  };
  // A new table starts with fresh settings, even if a table of that name existed before.
  ctx.settings.set(tableName, sse ? { sse } : {});
  if (tags.length > 0) {
    await runDynaliteOperation(ctx.store, 'TagResource', {
      ResourceArn: result.TableDescription.TableArn,
      Tags: tags,
    });
  }
  return { TableDescription: decorateDescription(ctx, result.TableDescription) };
};
