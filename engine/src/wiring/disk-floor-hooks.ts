import { randomUUID } from 'node:crypto';
import type { ServiceEntry, ServiceMap, SigningName } from '../protocol/index.ts';
import type { Operation, OperationTable } from '../protocol/operation.ts';
import { AwsError } from '../runtime/aws-error.ts';
import type { DiskGuard } from '../runtime/disk-space.ts';

/** Operation names that write state (by AWS naming); reads stay served under the floor. */
const WRITE =
  /^(Put|Create|Update|Delete|Send|Batch(Write|Put)|Transact(Write)|Publish|Invoke|Tag|Untag|Set|Add|Remove|Change|Purge|Start|Attach|Detach|Enable|Disable|Register|Subscribe|Unsubscribe|Redrive|Restore|Import|Copy|Upload|Complete|Abort)/;
export const isWriteOperation = (name: string): boolean => WRITE.test(name);

/**
 * The error each service answers when it will not take a write: its own throttling or
 * unavailable error (the SDKs retry these with backoff, as after a real throttle). Codes and
 * statuses from each API reference's Errors section (see the README's data-directory section).
 */
const REFUSAL: Partial<Record<SigningName, (message: string) => AwsError>> = {
  dynamodb: (m) => new AwsError('ThrottlingException', m, 400),
  sqs: (m) => new AwsError('RequestThrottled', m, 403),
  logs: (m) => new AwsError('ServiceUnavailableException', m, 500),
  lambda: (m) => new AwsError('TooManyRequestsException', m, 429),
  firehose: (m) => new AwsError('ServiceUnavailableException', m, 500),
  events: (m) => new AwsError('ThrottlingException', m, 400),
  sns: (m) => new AwsError('Throttled', m, 429),
  monitoring: (m) => new AwsError('Throttling', m, 400),
};
const refusalFor = (name: SigningName, message: string): AwsError =>
  REFUSAL[name]?.(message) ?? new AwsError('ServiceUnavailable', message, 503);

function guardTable(table: OperationTable, refuse: () => AwsError | undefined): OperationTable {
  const guarded: Record<string, Operation> = {};
  for (const [name, operation] of Object.entries(table)) {
    if (!isWriteOperation(name)) {
      guarded[name] = operation;
      continue;
    }
    // The edge validates, authorizes, then executes: the refusal comes before the execution.
    guarded[name] = {
      ...operation,
      execute: async (input, ctx) => {
        const error = refuse();
        if (error) throw error;
        return operation.execute(input, ctx);
      },
    };
  }
  return guarded;
}

function guardEntry(name: SigningName, entry: ServiceEntry, guard: DiskGuard): ServiceEntry {
  const refuse = () => (guard.belowFloor() ? refusalFor(name, guard.refusal()) : undefined);
  if (entry.kind === 'json' || entry.kind === 'query')
    return { ...entry, operations: guardTable(entry.operations, refuse) };
  if (entry.kind === 'json-handler') {
    return {
      ...entry,
      handle: async (request, ctx, gate) => {
        const target = String(request.headers['x-amz-target'] ?? '');
        const error = isWriteOperation(target.slice(target.indexOf('.') + 1)) ? refuse() : undefined;
        if (error) throw error;
        return entry.handle(request, ctx, gate);
      },
    };
  }
  if (entry.kind === 'rest-json') {
    return {
      ...entry,
      routes: entry.routes.map((route) =>
        isWriteOperation(route.operation)
          ? {
              ...route,
              handle: async (req, ctx) => {
                const error = refuse();
                if (error) throw error;
                return route.handle(req, ctx);
              },
            }
          : route,
      ),
    };
  }
  // Raw entries (S3): every method but GET and HEAD writes.
  return {
    ...entry,
    handler: (req, res) => {
      const method = (req.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD' && guard.belowFloor()) {
        const requestId = randomUUID();
        req.resume();
        res.writeHead(503, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>${guard.refusal()}</Message><RequestId>${requestId}</RequestId></Error>`,
        );
        return;
      }
      entry.handler(req, res);
    },
  };
}

/**
 * Answers writes on the AWS endpoint with each service's throttling or unavailable error while
 * free space is under the guard's floor, so a full disk never tears a state file or loses an
 * acknowledged write. Reads are still served.
 */
export function withDiskFloor(map: ServiceMap, guard: DiskGuard): ServiceMap {
  const guarded: { -readonly [K in keyof ServiceMap]: ServiceMap[K] } = {};
  for (const [name, entry] of Object.entries(map) as [SigningName, ServiceEntry][]) {
    guarded[name] = guardEntry(name, entry, guard);
  }
  return guarded;
}
