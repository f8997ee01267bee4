/**
 * The local Lambda service: runs Node.js functions (inline CommonJS `Code.ZipFile`) with Lambda's
 * semantics — one request per execution environment, warm reuse, init once per environment,
 * timeouts, memory limits, concurrency limits and throttles, sync and async invocation with AWS's
 * retry delays and dead-letter delivery, START/END/REPORT logs and AWS/Lambda metrics.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 *
 * Design: a *host* is a worker thread holding many *execution environments* of one function
 * version. An environment is one fresh evaluation of the module (own `module`/`exports`, `console`,
 * `process` facade), so module state and init are per environment, while environments on a host
 * interleave their awaits. The main thread owns the pool, the limits, logs and metrics.
 *
 * LIMITATIONS (what this does not emulate, or emulates differently):
 * - Environments of a host share its module cache: `require('@aws-sdk/...')` loads once per host,
 *   so state kept inside a required package (not the function's own module) is shared by the
 *   environments of that host. `globalThis` is shared too.
 * - The AWS SDK reads the host's real `process.env` (the function's variables, set per host), not
 *   the environment's facade: writes to `process.env` in function code are visible only to that
 *   environment's own code. AWS_LAMBDA_LOG_STREAM_NAME differs per environment only in the facade.
 * - Memory: MemorySize is enforced per host, not per environment: the host's V8 old-generation
 *   limit is MemorySize + 64 MB (for the shared modules). When it is exceeded the host dies, and
 *   every invocation in flight on it fails with Runtime.OutOfMemory; later requests get new
 *   environments. Max Memory Used in REPORT is the host's heap in use.
 * - A synchronous infinite loop blocks every environment on its host. It is detected when the host
 *   stays silent 1 s past an invocation's deadline (a cold start first gets Lambda's 10 s init
 *   limit): the host is terminated and replaced, the late invocation reports Sandbox.Timedout and
 *   others in flight on it fail with Runtime.ExitError.
 * - Timeouts and Duration are measured on the wall clock (the code runs in real time), not on the
 *   engine's injected clock; log and metric timestamps use the injected clock.
 * - Uncaught exceptions and unhandled rejections from a function's background work are written to
 *   the host's stderr; they do not fail the invocation or end the environment as on AWS.
 * - `callbackWaitsForEmptyEventLoop` is ignored: a callback handler answers when it calls back.
 * - Log lines written after an invocation has answered are delivered with that environment's next
 *   invocation (and are lost if the environment is discarded). Only the console's level methods
 *   are captured; direct writes to process.stdout go to the engine's stdout.
 * - Deployment packages: an uploaded zip (UpdateFunctionCode `ZipFile`) runs only its handler's
 *   file (`index.js`/`index.cjs` for `index.handler`); other files in the zip cannot be required.
 *   A zip without the handler file is refused at upload (InvalidParameterValueException), where AWS
 *   accepts it and fails at invocation with Runtime.ImportModuleError. Inline source (CloudFormation
 *   `Code.ZipFile`) is described as a deterministic zip of `index.js` built here, so its CodeSize and
 *   CodeSha256 are real package figures but not byte-equal to the zip AWS builds.
 * - Only `$LATEST` exists (no versions, aliases, layers, provisioned concurrency, SnapStart,
 *   response streaming, destinations or event source mappings). Idle environments are not reaped.
 * - The AWS SDK the hosts provide (the project's `@aws-sdk/*`) sends its calls to the local endpoint
 *   through the host's message port, not over a socket (host/sdk-channel.ts): the endpoint answers
 *   them as it answers HTTP (signature, IAM, the same bytes), but a function sees no connection or
 *   socket timeouts on them, and an HTTP agent or socket settings it configures do not apply to
 *   them. Calls to other hosts, streaming uploads, S3, and an SDK a function bundles itself go over
 *   HTTP as on AWS.
 * - INIT_START reports a made-up runtime version; JSON platform records are platform.initStart,
 *   platform.start and platform.report (no END or runtimeDone; a timeout shows only as the
 *   report's status). No INIT_REPORT line. A too-long init is only cut by the blocked-host watchdog.
 */
export type { DeadLetter, DeadLetterMessage } from './async-queue.ts';
export { RETRY_DELAYS_MS } from './async-queue.ts';
export type { FunctionDescription } from './description.ts';
export type { LambdaApi, LambdaControlApi } from './endpoint-api.ts';
export type { Credentials } from './environment-vars.ts';
export { SYNC_PAYLOAD_LIMIT } from './invoker.ts';
export type {
  EventInvokeConfig,
  FunctionConfig,
  InvocationType,
  InvokeCaller,
  InvokeRequest,
  InvokeResult,
  PermissionStatement,
} from './model.ts';
export { lambdaServiceEntry } from './operation-table.ts';
export { ASYNC_PAYLOAD_LIMIT } from './operations/invoke.ts';
export { LambdaService, type LambdaServiceOptions } from './service.ts';
