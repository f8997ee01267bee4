import { createHash, randomBytes } from 'node:crypto';
import type { AccountContext } from '../runtime/account.ts';
import { AwsError } from '../runtime/aws-error.ts';

/**
 * The contract between the deploy engine and one resource type (one file per type, named after it:
 * `AWS::SQS::Queue` → `aws-sqs-queue.ts`). A provider turns resolved properties into a resource by
 * calling its service's public operations (never its store), and removes it again.
 *
 * What the engine guarantees before calling a provider:
 * - properties are fully resolved (no intrinsics, `AWS::NoValue` removed) plain JSON;
 * - every top-level property name is in `supportedProperties` (otherwise the deploy fails before
 *   anything is created, naming `Resources.<id>.Properties.<name>`);
 * - every `Fn::GetAtt` / `${Id.Attr}` on this resource names one of `supportedAttributes`;
 * - calls for one stack are sequential, dependencies first (deletes in reverse).
 * What the engine expects back:
 * - `create` returns the physical id (what `Ref` returns) and every attribute in
 *   `supportedAttributes` that the template may read (a missing one fails the GetAtt naming it);
 * - errors are thrown, never swallowed; a `PropertyError` (see `requireString` and friends)
 *   lets the stack event name the property; an `AwsError` carries the service's own code;
 * - `delete` of something already gone succeeds (rollbacks and retries call it).
 * Mirrors LocalStack's `ResourceProvider` and moto's `CloudFormationModel`, kept smaller.
 * https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-test-contract.html
 */
export interface ResourceProvider {
  /** The CloudFormation type name, e.g. `AWS::SQS::Queue`. */
  readonly type: string;
  /** Top-level property names the provider understands; anything else in a template is refused. */
  readonly supportedProperties: readonly string[];
  /** Attribute names `Fn::GetAtt` may read; anything else is refused. */
  readonly supportedAttributes: readonly string[];
  /**
   * Properties whose change needs a new resource ("Update requires: Replacement" in the AWS docs):
   * the engine creates the new one, re-points dependents, then deletes the old one.
   */
  readonly replacementProperties?: readonly string[];
  create(ctx: ProviderContext, props: Readonly<Record<string, unknown>>): Promise<ProvisionResult>;
  /**
   * Changes the resource in place. Absent → every change is a replacement. `previous` holds the
   * resolved properties it was last created or updated with. Also used to roll an update back
   * (then `props` are the old properties and `previous` the failed new ones).
   */
  update?(
    ctx: ProviderContext,
    physicalId: string,
    props: Readonly<Record<string, unknown>>,
    previous: Readonly<Record<string, unknown>>,
  ): Promise<ProvisionResult>;
  /** Removes the resource; `props` are the resolved properties it was created or last updated with. */
  delete(ctx: ProviderContext, physicalId: string, props: Readonly<Record<string, unknown>>): Promise<void>;
  /**
   * Read-only: the resource a `create` with these properties (and this context's `nameSeed`) makes,
   * when it already exists. The deploy journal calls it after a crash between a create and its
   * recorded outcome, and for retained resources a re-created stack may adopt. Absent → `create`
   * must be safe to repeat with the same properties and seed (it sets, never adds a second one).
   */
  find?(ctx: ProviderContext, props: Readonly<Record<string, unknown>>): Promise<ProvisionResult | undefined>;
}

/** Who is asking: the resource's place in its stack, and the account it lives in. */
export interface ProviderContext {
  readonly logicalId: string;
  readonly resourceType: string;
  readonly stackName: string;
  /** `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>` */
  readonly stackId: string;
  readonly account: AccountContext;
  /**
   * Set by the deploy journal for each create: generated names derive from it, so a create repeated
   * after a crash (and `find`) arrive at the same name. Absent → random names.
   */
  readonly nameSeed?: string;
}

export interface ProvisionResult {
  /** What `Ref` returns: a name, URL or ARN depending on the type (see the type's "Return values" page). */
  readonly physicalId: string;
  /** What `Fn::GetAtt` returns, by attribute name. JSON values only: they are persisted with the stack. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/**
 * A property a provider cannot accept. The deploy engine reports the logical id, the property and
 * the reason in the failed stack event (`Resources.Q.Properties.DelaySeconds: must be 0 to 900`).
 */
export class PropertyError extends AwsError {
  constructor(
    readonly logicalId: string,
    readonly property: string,
    readonly reason: string,
  ) {
    super('ValidationError', `Resources.${logicalId}.Properties.${property}: ${reason}`, 400);
  }
}

export const propertyError = (ctx: ProviderContext, property: string, reason: string): PropertyError =>
  new PropertyError(ctx.logicalId, property, reason);

type Props = Readonly<Record<string, unknown>>;

export function requireString(props: Props, name: string, ctx: ProviderContext): string {
  const value = optionalString(props, name, ctx);
  if (value === undefined) throw propertyError(ctx, name, 'is required');
  return value;
}

/** Numbers and booleans are taken as text, as CloudFormation does for String properties. */
export function optionalString(props: Props, name: string, ctx: ProviderContext): string | undefined {
  const value = props[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw propertyError(ctx, name, 'expected a string');
}

export function requireNumber(props: Props, name: string, ctx: ProviderContext): number {
  const value = optionalNumber(props, name, ctx);
  if (value === undefined) throw propertyError(ctx, name, 'is required');
  return value;
}

/** Accepts `5` and `"5"`: Number parameters reach properties as strings. */
export function optionalNumber(props: Props, name: string, ctx: ProviderContext): number | undefined {
  const value = props[name];
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number))
    throw propertyError(ctx, name, 'expected a number');
  return number;
}

/** Accepts `true` and `"true"` (and the false forms). */
export function optionalBoolean(props: Props, name: string, ctx: ProviderContext): boolean | undefined {
  const value = props[name];
  if (value === undefined) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw propertyError(ctx, name, 'expected a boolean');
}

export function optionalObject(props: Props, name: string, ctx: ProviderContext): Props | undefined {
  const value = props[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw propertyError(ctx, name, 'expected an object');
  }
  return value as Props;
}

export function optionalList(
  props: Props,
  name: string,
  ctx: ProviderContext,
): readonly unknown[] | undefined {
  const value = props[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw propertyError(ctx, name, 'expected a list');
  return value;
}

/**
 * `Tags` in either shape CloudFormation uses: a list of `{ Key, Value }` (most types) or a map
 * (`AWS::ApiGatewayV2::*`, `AWS::SSM::Parameter`).
 */
export function readTags(props: Props, ctx: ProviderContext, name = 'Tags'): Record<string, string> {
  const value = props[name];
  if (value === undefined) return {};
  const tags: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const [index, tag] of value.entries()) {
      const entry = (typeof tag === 'object' && tag !== null ? tag : {}) as Record<string, unknown>;
      if (typeof entry.Key !== 'string' || typeof entry.Value !== 'string') {
        throw propertyError(ctx, `${name}.${index}`, 'expected { Key: string, Value: string }');
      }
      tags[entry.Key] = entry.Value;
    }
    return tags;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, tag] of Object.entries(value)) {
      if (typeof tag !== 'string') throw propertyError(ctx, `${name}.${key}`, 'expected a string');
      tags[key] = tag;
    }
    return tags;
  }
  throw propertyError(ctx, name, 'expected a list of tags or a map');
}

const NAME_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * The name CloudFormation gives a resource whose name property is absent:
 * `<stack>-<logicalId>-<13 random characters>`, the first two parts shortened to fit `maxLength`.
 * Pass `lowercase` for S3 buckets. A replacement gets a fresh suffix, as in AWS. With a `nameSeed`
 * the suffix is derived from it, so a repeated create arrives at the same name.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html
 */
export function generatePhysicalName(
  ctx: ProviderContext,
  options: { readonly maxLength?: number; readonly lowercase?: boolean } = {},
): string {
  const maxLength = options.maxLength ?? 255;
  const bytes =
    ctx.nameSeed === undefined
      ? randomBytes(13)
      : createHash('sha256').update(`${ctx.nameSeed}/${ctx.logicalId}`).digest().subarray(0, 13);
  const suffix = [...bytes].map((byte) => NAME_ALPHABET[byte % NAME_ALPHABET.length]).join('');
  const room = Math.max(2, maxLength - suffix.length - 2);
  const stackPart = ctx.stackName.slice(0, Math.ceil(room / 2));
  const idPart = ctx.logicalId.slice(0, room - stackPart.length);
  const name = `${stackPart}-${idPart}-${suffix}`.slice(0, maxLength);
  return options.lowercase ? name.toLowerCase() : name;
}

/** A list element or nested property read as an object; anything else reads as an empty one. */
export const asRecord = (value: unknown): Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
