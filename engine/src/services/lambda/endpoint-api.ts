import type { FunctionDescription } from './description.ts';
import type { FunctionConfig, InvokeRequest, InvokeResult } from './model.ts';
import type { ConfigurationChanges } from './operations/update-function-configuration.ts';

/**
 * What the endpoint's routes need from the Lambda service (wiring/lambda-api.ts adapts the service
 * to it; edge tests give a fake). Errors are the service's AwsErrors.
 */
export interface LambdaApi {
  invoke(req: InvokeRequest): Promise<InvokeResult>;
  /** Throws `AwsError('ResourceNotFoundException', ..., 404)` for an unknown function. */
  getFunction(name: string): FunctionConfig | Promise<FunctionConfig>;
  listFunctions(): readonly FunctionConfig[] | Promise<readonly FunctionConfig[]>;
  /**
   * Optional: the log text of one finished invocation (START..REPORT lines), for
   * `X-Amz-Log-Type: Tail`. Absent, or undefined for the request id: no `X-Amz-Log-Result`.
   */
  logTail?(requestId: string): string | undefined | Promise<string | undefined>;
  /** The control plane (true CodeSize/CodeSha256, updates); absent, only Invoke, GetFunction and ListFunctions exist. */
  readonly control?: LambdaControlApi;
}

/** What the control-plane routes need from the Lambda service. */
export interface LambdaControlApi {
  getFunctionConfiguration(name: string): FunctionDescription;
  listFunctionConfigurations(): readonly FunctionDescription[];
  updateFunctionCode(name: string, zip: Uint8Array, revisionId?: string): FunctionDescription;
  updateFunctionConfiguration(
    name: string,
    changes: ConfigurationChanges,
    revisionId?: string,
  ): FunctionDescription;
  getPolicy(name: string): { Policy: string; RevisionId: string };
  getEventInvokeConfig(name: string): Record<string, unknown>;
  listTags(resourceArn: string): { Tags: Record<string, string> };
}
