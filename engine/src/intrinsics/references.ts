import { argList, asString } from './args.ts';
import { isPseudoParameter, NO_VALUE, PSEUDO_REFS, type ResolutionContext } from './context.ts';
import type { IntrinsicHandler } from './handler.ts';
import { IntrinsicError } from './intrinsic-error.ts';

/**
 * `Ref`: a parameter, a pseudo parameter or a resource's physical id.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ref.html
 */
export const ref: IntrinsicHandler = (args, { ctx, path }) => {
  if (typeof args !== 'string')
    throw new IntrinsicError(path, 'expected a logical id or parameter name (a string)');
  return refByName(args, ctx, path);
};

export function refByName(name: string, ctx: ResolutionContext, path: string): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  const pseudo = PSEUDO_REFS[name];
  if (pseudo) return pseudo(ctx.pseudo);
  if (isPseudoParameter(name) || name.startsWith('AWS::')) {
    throw new IntrinsicError(path, `unknown pseudo parameter '${name}'`);
  }
  if (Object.hasOwn(ctx.parameters, name)) return ctx.parameters[name];
  const physicalId = ctx.resourcePhysicalId(name);
  if (physicalId === undefined) throw new IntrinsicError(path, `unresolved reference to '${name}'`);
  return physicalId;
}

/**
 * `Fn::GetAtt`, as `[logicalId, attribute]` (the attribute may be a `Ref`) or as `"logicalId.attribute"`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html
 */
export const getAtt: IntrinsicHandler = (args, { ctx, path, resolve }) => {
  const [logicalId, attribute] = getAttTarget(args, path, (value, at) =>
    asString(resolve(value, at), at, 'attribute'),
  );
  return attributeOf(logicalId, attribute, ctx, path);
};

export function attributeOf(
  logicalId: string,
  attribute: string,
  ctx: ResolutionContext,
  path: string,
): unknown {
  const value = ctx.resourceAttribute(logicalId, attribute);
  if (value === undefined) {
    throw new IntrinsicError(path, `unresolved attribute '${attribute}' of '${logicalId}'`);
  }
  return value;
}

/** Splits either form into `[logicalId, attribute]`; the string form splits at the first dot. */
export function getAttTarget(
  args: unknown,
  path: string,
  attributeName: (value: unknown, path: string) => string,
): [string, string] {
  if (typeof args === 'string') {
    const dot = args.indexOf('.');
    if (dot <= 0 || dot === args.length - 1) {
      throw new IntrinsicError(path, `expected 'logicalId.attribute', got '${args}'`);
    }
    return [args.slice(0, dot), args.slice(dot + 1)];
  }
  const [logicalId, attribute] = argList(args, path, 2);
  if (typeof logicalId !== 'string')
    throw new IntrinsicError(`${path}.0`, 'expected a logical id (a string)');
  return [logicalId, typeof attribute === 'string' ? attribute : attributeName(attribute, `${path}.1`)];
}
