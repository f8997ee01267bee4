/**
 * FunctionConfiguration as the endpoint's routes answer it (GetFunction, ListFunctions,
 * GetFunctionConfiguration, the updates).
 * https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html
 */
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../protocol/operation.ts';
import type { AccountContext } from '../../runtime/account.ts';
import type { FunctionDescription } from './description.ts';
import type { FunctionConfig } from './model.ts';
import { requestFunctionArn } from './rest-request.ts';

/** FunctionConfiguration as the wire carries it (reserved concurrency belongs to GetFunction's `Concurrency`). */
export function wireConfiguration(description: FunctionDescription): Record<string, unknown> {
  const { ReservedConcurrentExecutions: _reserved, ...configuration } = description;
  return configuration;
}

/** FunctionConfiguration built from a configuration alone, when the endpoint has no control plane. */
export function functionConfiguration(config: FunctionConfig, ctx: RequestContext, account: AccountContext) {
  return {
    FunctionName: config.name,
    FunctionArn: requestFunctionArn(config.name, ctx, account),
    Runtime: config.runtime,
    Role: config.roleArn,
    Handler: config.handler,
    CodeSize: Buffer.byteLength(config.code, 'utf8'),
    CodeSha256: createHash('sha256').update(config.code).digest('base64'),
    Timeout: config.timeoutSeconds,
    MemorySize: config.memorySizeMb,
    Version: '$LATEST',
    Environment: { Variables: config.environment },
    Architectures: config.architectures,
    ...(config.deadLetterTargetArn ? { DeadLetterConfig: { TargetArn: config.deadLetterTargetArn } } : {}),
    LoggingConfig: {
      LogFormat: config.logFormat,
      LogGroup: config.logGroupName,
      ...(config.applicationLogLevel ? { ApplicationLogLevel: config.applicationLogLevel } : {}),
      ...(config.systemLogLevel ? { SystemLogLevel: config.systemLogLevel } : {}),
    },
    PackageType: 'Zip',
    State: 'Active',
    LastUpdateStatus: 'Successful',
  };
}
