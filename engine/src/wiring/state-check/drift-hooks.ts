import { requestUrl } from '../../net/request-url.ts';
import type { ServiceMap } from '../../protocol/index.ts';
import type { Operation } from '../../protocol/operation.ts';
import { queueNameOfUrl } from '../../runtime/arn.ts';
import type { Clock } from '../../runtime/clock.ts';
import { dynamoDbServiceEntry } from '../../services/dynamodb/index.ts';
import type { EngineServices } from '../engine-services.ts';
import type { DriftJournal } from './drift-journal.ts';

/**
 * Records in the drift journal every table, queue or bucket deleted through the AWS endpoint (the
 * only deletes that are not a stack's own: providers call the services directly). Wraps the three
 * entries of a built service map; everything else passes through unchanged.
 */
export function withDriftRecording(
  map: ServiceMap,
  services: EngineServices,
  journal: DriftJournal,
  clock: Clock,
): ServiceMap {
  const now = () => new Date(clock.now()).toISOString();
  const result: { -readonly [K in keyof ServiceMap]: ServiceMap[K] } = { ...map };
  const dynamodb = map.dynamodb;
  if (dynamodb?.kind === 'json-handler') {
    result.dynamodb = dynamoDbServiceEntry(async (operation, input) => {
      const tableName = input.TableName;
      const output = await services.dynamodb.runParsed(operation, input);
      if (operation === 'DeleteTable' && typeof tableName === 'string')
        journal.record({ kind: 'table', name: tableName, operation, at: now() });
      return output;
    });
  }
  const sqs = map.sqs;
  const deleteQueue = sqs?.kind === 'json' ? sqs.operations.DeleteQueue : undefined;
  if (sqs?.kind === 'json' && deleteQueue) {
    const record = (input: unknown): void => {
      const url = String((input as { QueueUrl?: unknown } | undefined)?.QueueUrl ?? '');
      journal.record({
        kind: 'queue',
        name: queueNameOfUrl(url),
        operation: 'DeleteQueue',
        at: now(),
      });
    };
    // The edge validates, authorizes, then executes: record after the execution.
    const execute: Operation['execute'] = async (input, request) => {
      const output = await deleteQueue.execute(input, request);
      record(input);
      return output;
    };
    result.sqs = { ...sqs, operations: { ...sqs.operations, DeleteQueue: { ...deleteQueue, execute } } };
  }
  const s3 = map.s3;
  if (s3?.kind === 'raw') {
    result.s3 = {
      ...s3,
      handler: (req, res) => {
        // DELETE /<bucket> answered 204 is DeleteBucket (path-style, as the engine serves S3).
        const url = requestUrl(req.url);
        const path = url.pathname;
        const bucket = /^\/([^/]+)\/?$/.exec(path)?.[1];
        if (req.method === 'DELETE' && bucket && !url.search) {
          res.once('finish', () => {
            if (res.statusCode === 204)
              journal.record({
                kind: 'bucket',
                name: decodeURIComponent(bucket),
                operation: 'DeleteBucket',
                at: now(),
              });
          });
        }
        s3.handler(req, res);
      },
    };
  }
  return result;
}
