import { isAwsError } from '../../runtime/aws-error.ts';
import { sqsErrors } from './errors.ts';

/**
 * The rules all *Batch operations share: 1 to 10 entries, distinct ids of up to 80 letters, digits,
 * hyphens and underscores; each entry succeeds or fails on its own.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-batch-api-actions.html
 */
export interface BatchResultErrorEntry {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}

export function checkBatchEntries(entries: readonly Record<string, unknown>[]): void {
  if (entries.length === 0) throw sqsErrors.emptyBatchRequest();
  if (entries.length > 10) throw sqsErrors.tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = entry.Id;
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(id))
      throw sqsErrors.invalidBatchEntryId(String(id));
    if (seen.has(id)) throw sqsErrors.batchEntryIdsNotDistinct(id);
    seen.add(id);
  }
}

/** Runs `each` per entry, sorting AwsErrors into `Failed`; other errors are bugs and propagate. */
export function runBatch<T>(
  entries: readonly Record<string, unknown>[],
  each: (entry: Record<string, unknown>) => T,
): { Successful: (T & { Id: string })[]; Failed: BatchResultErrorEntry[] } {
  const Successful: (T & { Id: string })[] = [];
  const Failed: BatchResultErrorEntry[] = [];
  for (const entry of entries) {
    const Id = entry.Id as string;
    try {
      Successful.push({ Id, ...each(entry) });
    } catch (error) {
      if (!isAwsError(error)) throw error;
      Failed.push({ Id, SenderFault: error.senderFault, Code: error.code, Message: error.message });
    }
  }
  return { Successful, Failed };
}
