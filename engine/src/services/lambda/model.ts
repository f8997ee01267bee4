/**
 * The Lambda service's shapes: its public contract, shared by the HTTP API gateway, the events
 * scheduler, the wire protocol (Invoke on the AWS endpoint) and the CloudFormation providers, and
 * the function records the store keeps.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

/** Who asks for an invocation; a service principal must be allowed by a resource-policy statement. */
export interface InvokeCaller {
  /** e.g. `apigateway.amazonaws.com`, `events.amazonaws.com`; absent for account callers. */
  readonly principal?: string;
  /** The ARN of the calling resource (execute-api ARN, rule ARN) matched against `SourceArn`. */
  readonly sourceArn?: string;
}

export interface InvokeRequest {
  /** Name, partial ARN or full ARN. */
  readonly functionName: string;
  readonly payload: string;
  readonly invocationType: InvocationType;
  readonly caller?: InvokeCaller;
  /** `Tail`: return the invocation's log in the result (RequestResponse only). */
  readonly logType?: 'None' | 'Tail';
}

export interface InvokeResult {
  /** 200 for RequestResponse, 202 for Event, 204 for DryRun. */
  readonly statusCode: number;
  /** The function's serialized return value, or the error object when `functionError` is set. */
  readonly payload: string;
  /** `Unhandled` when the function threw, timed out or crashed its environment. */
  readonly functionError?: 'Unhandled';
  readonly requestId: string;
  readonly executedVersion: string;
  /** The invocation's log lines (START..REPORT), when the request asked for `LogType: Tail`. */
  readonly log?: string;
}

export interface FunctionConfig {
  readonly name: string;
  readonly runtime: string;
  /** `index.handler`: file `index` in the inline code, export `handler`. */
  readonly handler: string;
  /** The inline source (`Code.ZipFile`), written as `index.js` and loaded as CommonJS. */
  readonly code: string;
  readonly roleArn: string;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly architectures: readonly string[];
  readonly deadLetterTargetArn?: string;
  /** `Text` or `JSON` (LoggingConfig.LogFormat). */
  readonly logFormat: 'Text' | 'JSON';
  readonly logGroupName: string;
  readonly applicationLogLevel?: string;
  readonly systemLogLevel?: string;
  readonly reservedConcurrency?: number;
  /** The function's tags (CloudFormation `Tags`), as ListTags returns them. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface PermissionStatement {
  readonly statementId: string;
  readonly action: string;
  readonly principal: string;
  readonly sourceArn?: string;
  readonly sourceAccount?: string;
}

/**
 * Retry settings for asynchronous invocation.
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
 */
export interface EventInvokeConfig {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
}

export const DEFAULT_EVENT_INVOKE_CONFIG: EventInvokeConfig = {
  maximumRetryAttempts: 2,
  maximumEventAgeInSeconds: 21600,
};

/** Everything the control plane knows about one function. */
export interface FunctionRecord {
  readonly config: FunctionConfig;
  readonly lastModified: string;
  readonly revisionId: string;
  readonly codeSha256: string;
  /** Bytes of the deployment package; absent in records written before packages were sized. */
  readonly codeSize?: number;
  /** Epoch ms of the last PutFunctionEventInvokeConfig. */
  readonly eventInvokeConfigModified?: number;
  readonly permissions: readonly PermissionStatement[];
  readonly eventInvokeConfig?: EventInvokeConfig;
}
