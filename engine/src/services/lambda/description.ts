import type { AccountContext } from '../../runtime/account.ts';
import { inlinePackage } from './code-package.ts';
import type { FunctionRecord } from './model.ts';
import { functionArn, LATEST } from './names.ts';

/**
 * A function's configuration as GetFunctionConfiguration / CreateFunction answer it.
 * https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html
 */
export interface FunctionDescription {
  readonly FunctionName: string;
  readonly FunctionArn: string;
  readonly Runtime: string;
  readonly Role: string;
  readonly Handler: string;
  readonly CodeSize: number;
  readonly CodeSha256: string;
  readonly Timeout: number;
  readonly MemorySize: number;
  readonly LastModified: string;
  readonly Version: string;
  readonly Environment: { readonly Variables: Readonly<Record<string, string>> };
  readonly State: 'Active';
  readonly LastUpdateStatus: 'Successful';
  readonly PackageType: 'Zip';
  readonly Architectures: readonly string[];
  readonly LoggingConfig: {
    readonly LogFormat: 'Text' | 'JSON';
    readonly LogGroup: string;
    readonly ApplicationLogLevel?: string;
    readonly SystemLogLevel?: string;
  };
  readonly DeadLetterConfig?: { readonly TargetArn: string };
  readonly RevisionId: string;
  /** Not part of FunctionConfiguration on AWS (GetFunction's Concurrency); included for convenience. */
  readonly ReservedConcurrentExecutions?: number;
}

export function describe(ctx: AccountContext, record: FunctionRecord): FunctionDescription {
  const c = record.config;
  return {
    FunctionName: c.name,
    FunctionArn: functionArn(ctx, c.name),
    Runtime: c.runtime,
    Role: c.roleArn,
    Handler: c.handler,
    ...packageOf(record),
    Timeout: c.timeoutSeconds,
    MemorySize: c.memorySizeMb,
    LastModified: record.lastModified,
    Version: LATEST,
    Environment: { Variables: { ...c.environment } },
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: [...c.architectures],
    LoggingConfig: {
      LogFormat: c.logFormat,
      LogGroup: c.logGroupName,
      ...(c.applicationLogLevel ? { ApplicationLogLevel: c.applicationLogLevel } : {}),
      ...(c.systemLogLevel ? { SystemLogLevel: c.systemLogLevel } : {}),
    },
    ...(c.deadLetterTargetArn ? { DeadLetterConfig: { TargetArn: c.deadLetterTargetArn } } : {}),
    RevisionId: record.revisionId,
    ...(c.reservedConcurrency !== undefined ? { ReservedConcurrentExecutions: c.reservedConcurrency } : {}),
  };
}

/** Records written before packages were sized describe their code as the inline package. */
function packageOf(record: FunctionRecord): { CodeSize: number; CodeSha256: string } {
  if (record.codeSize !== undefined) return { CodeSize: record.codeSize, CodeSha256: record.codeSha256 };
  const inline = inlinePackage(record.config.code, record.config.handler);
  return { CodeSize: inline.codeSize, CodeSha256: inline.codeSha256 };
}
