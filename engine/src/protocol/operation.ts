/**
 * The contract between the wire protocols and the services: an operation table maps an operation
 * name to its input schema (data) and a handler. Services never see HTTP.
 */
import {
  type InferInput,
  type InputSchema,
  type ValidationStyle,
  validateInput,
  type WireMode,
} from './validation.ts';

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
  /** Validation only, so the edge can authorize between validation and execution. */
  validate(raw: unknown, mode: WireMode, validationCode: string): Record<string, unknown>;
  execute(input: Record<string, unknown>, ctx: RequestContext): Promise<unknown>;
}

export type OperationTable = Readonly<Record<string, Operation>>;

export interface OperationSpec<S extends InputSchema, R> {
  readonly input: S;
  /** How invalid input is answered; AWS's "N validation errors detected" list when absent. */
  readonly validation?: ValidationStyle;
  readonly iamAction?: string;
  readonly skipAuthorization?: boolean;
  readonly resource?: (input: InferInput<S>, ctx: RequestContext) => string;
  readonly handle: (input: InferInput<S>, ctx: RequestContext) => R;
}

/** An operation that keeps its typed parts, for a service's own in-process callers. */
export interface TypedOperation<S extends InputSchema, R> extends Operation {
  /** `validate` (JSON mode) with the input typed from the schema. */
  readonly parse: (raw: unknown, validationCode: string) => InferInput<S>;
  /** The handler as declared, synchronous when it is. */
  readonly handle: (input: InferInput<S>, ctx: RequestContext) => R;
}

/**
 * Declares an operation; the handler receives input typed from the schema. The one cast below is
 * what validation guarantees: the object has exactly the schema's shape.
 */
export function defineOperation<const S extends InputSchema, R>(
  spec: OperationSpec<S, R>,
): TypedOperation<S, R> {
  const typed = (input: Record<string, unknown>): InferInput<S> => input as InferInput<S>;
  const validate = (raw: unknown, mode: WireMode, code: string): Record<string, unknown> =>
    validateInput(spec.input, raw, mode, code, spec.validation);
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
    parse: (raw, code) => typed(validate(raw, 'json', code)),
    handle: spec.handle,
  };
}
