import { AwsError } from '../runtime/aws-error.ts';
import { NO_VALUE, type ResolutionContext } from './context.ts';
import { INTRINSICS } from './handlers.ts';
import { IntrinsicError } from './intrinsic-error.ts';

/**
 * Resolves every intrinsic function in a value. Pure: the output depends only on the value and
 * the context. Returns `NO_VALUE` when the whole value is `AWS::NoValue`; inside objects and
 * lists such entries are dropped. Throws only `IntrinsicError`, or an `AwsError` from a context lookup.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export function resolveValue(value: unknown, ctx: ResolutionContext, path: string): unknown {
  const resolve = (inner: unknown, innerPath: string): unknown => {
    if (Array.isArray(inner)) {
      return inner
        .map((item, index) => resolve(item, `${innerPath}.${index}`))
        .filter((item) => item !== NO_VALUE);
    }
    if (typeof inner !== 'object' || inner === null) return inner;
    const name = intrinsicName(inner);
    if (name !== undefined) {
      const handler = INTRINSICS.get(name);
      const at = `${innerPath}.${name}`;
      if (!handler) throw new IntrinsicError(at, `unknown intrinsic function '${name}'`);
      return guard(at, () => handler((inner as Record<string, unknown>)[name], { ctx, path: at, resolve }));
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(inner)) {
      const resolved = resolve(item, `${innerPath}.${key}`);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  };
  return resolve(value, path);
}

/** Resolves a resource's `Properties`; properties that resolve to `AWS::NoValue` are removed. */
export function resolveProperties(
  properties: unknown,
  ctx: ResolutionContext,
  path: string,
): Record<string, unknown> {
  const resolved = resolveValue(properties, ctx, path);
  if (resolved === NO_VALUE) return {};
  if (typeof resolved !== 'object' || resolved === null || Array.isArray(resolved)) {
    throw new IntrinsicError(path, 'expected the properties to resolve to an object');
  }
  return resolved as Record<string, unknown>;
}

/**
 * The intrinsic an object stands for: one key, `Ref` or `Fn::…`. `{ "Condition": … }` is only an
 * intrinsic inside condition functions (IAM statements have a `Condition` key), so it is not here.
 */
export function intrinsicName(value: object): string | undefined {
  if (Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0] as string;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** Context lookups may fail in any way; only AWS-shaped errors pass, others are named by path. */
function guard(path: string, run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    if (error instanceof AwsError) throw error;
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new IntrinsicError(path, 'the value is nested too deeply');
    }
    throw new IntrinsicError(path, error instanceof Error ? error.message : String(error));
  }
}
