/**
 * The contract between the wire protocols and the services: an operation table maps an operation
 * name to its input schema (data) and a handler. Services never see HTTP.
 */
import { type InferInput, type InputSchema, validateInput, type WireMode } from './validation.ts';

/**
 * Who signed the request. `role` keys belong to a Lambda function's execution role; their
 * requests are authorized against the role's policies, root requests are not.
 */
export interface CallerIdentity {
  readonly accessKeyId: string;
  readonly kind: 'root' | 'role';
  /** `arn:aws:iam::<acct>:role/<name>` for role callers. */
  readonly roleArn?: string;
  /** The session name of the assumed role (the function name, as Lambda names it). */
  readonly sessionName?: string;
}

export interface RequestContext {
  readonly requestId: string;
  /** The Region from the credential scope (the endpoint's Region for unsigned requests). */
  readonly region: string;
  readonly accountId: string;
  readonly caller: CallerIdentity;
}

/** One operation with its validation as data; build with `defineOperation`. */
export interface Operation {
  readonly input: InputSchema;
  /** IAM action when it is not `<prefix>:<OperationName>` (Lambda's Invoke is `lambda:InvokeFunction`). */
  readonly iamAction?: string;
  /** Operations every identity may call (STS GetCallerIdentity). */
  readonly skipAuthorization?: boolean;
  /** The ARN the IAM check is made against; `*` when absent. */
  resource?(input: Record<string, unknown>, ctx: RequestContext): string;
  /** Validates `raw` (throwing the service's validation error) and runs the handler. */
  run(raw: unknown, ctx: RequestContext, mode: WireMode, validationCode: string): Promise<unknown>;
  /** Validation only, so the edge can authorize between validation and execution. */
  validate(raw: unknown, mode: WireMode, validationCode: string): Record<string, unknown>;
  execute(input: Record<string, unknown>, ctx: RequestContext): Promise<unknown>;
}

export type OperationTable = Readonly<Record<string, Operation>>;

export interface OperationSpec<S extends InputSchema, O> {
  readonly input: S;
  readonly iamAction?: string;
  readonly skipAuthorization?: boolean;
  readonly resource?: (input: InferInput<S>, ctx: RequestContext) => string;
  readonly handle: (input: InferInput<S>, ctx: RequestContext) => O | Promise<O>;
}

/**
 * Declares an operation; the handler receives input typed from the schema. The one cast below is
 * what validation guarantees: the object has exactly the schema's shape.
 */
export function defineOperation<const S extends InputSchema, O>(spec: OperationSpec<S, O>): Operation {
  const typed = (input: Record<string, unknown>): InferInput<S> => input as InferInput<S>;
  const validate = (raw: unknown, mode: WireMode, code: string): Record<string, unknown> =>
    validateInput(spec.input, raw, mode, code);
  const execute = async (input: Record<string, unknown>, ctx: RequestContext): Promise<unknown> =>
    spec.handle(typed(input), ctx);
  const resourceOf = spec.resource;
  return {
    input: spec.input,
    ...(spec.iamAction !== undefined ? { iamAction: spec.iamAction } : {}),
    ...(spec.skipAuthorization ? { skipAuthorization: true } : {}),
    ...(resourceOf
      ? { resource: (input: Record<string, unknown>, ctx: RequestContext) => resourceOf(typed(input), ctx) }
      : {}),
    validate,
    execute,
    run: async (raw, ctx, mode, code) => execute(validate(raw, mode, code), ctx),
  };
}
