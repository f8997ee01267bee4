import { randomUUID } from 'node:crypto';
import type { AccountContext } from '../../runtime/account.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { CodePackage } from './code-package.ts';
import { lambdaErrors } from './errors.ts';
import type { FunctionConfig, FunctionRecord } from './model.ts';
import { functionArn, resolveFunctionName } from './names.ts';
import type { FunctionStore } from './store.ts';

/**
 * The function's record by name or ARN (ResourceNotFoundException when there is none); with
 * `expectedRevisionId`, refused with PreconditionFailedException unless it is the current revision.
 */
export function requireFunction(
  ctx: { readonly account: AccountContext; readonly store: FunctionStore },
  reference: string,
  expectedRevisionId?: string,
): FunctionRecord {
  const name = resolveFunctionName(ctx.account, reference);
  const record = ctx.store.get(name);
  if (!record) throw lambdaErrors.functionNotFound(functionArn(ctx.account, name));
  if (expectedRevisionId !== undefined && expectedRevisionId !== record.revisionId) {
    throw lambdaErrors.revisionMismatch();
  }
  return record;
}

/** A new revision of a function: a fresh RevisionId, keeping the permissions and async settings of `previous`. */
export function newRevision(
  clock: Clock,
  config: FunctionConfig,
  pkg: CodePackage,
  previous: FunctionRecord | undefined,
): FunctionRecord {
  return {
    config,
    lastModified: new Date(clock.now()).toISOString().replace('Z', '+0000'),
    revisionId: randomUUID(),
    codeSha256: pkg.codeSha256,
    codeSize: pkg.codeSize,
    permissions: previous?.permissions ?? [],
    ...(previous?.eventInvokeConfig ? { eventInvokeConfig: previous.eventInvokeConfig } : {}),
    ...(previous?.eventInvokeConfigModified !== undefined
      ? { eventInvokeConfigModified: previous.eventInvokeConfigModified }
      : {}),
  };
}
