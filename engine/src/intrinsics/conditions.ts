import { argList, kind } from './args.ts';
import type { ResolutionContext } from './context.ts';
import type { HandlerEnv, IntrinsicHandler } from './handler.ts';
import { IntrinsicError } from './intrinsic-error.ts';

/**
 * Condition functions and `Fn::If`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html
 */

export const fnIf: IntrinsicHandler = (args, env) => {
  const [name, whenTrue, whenFalse] = argList(args, env.path, 3);
  if (typeof name !== 'string') throw new IntrinsicError(`${env.path}.0`, 'expected a condition name');
  return conditionValue(name, env.ctx, `${env.path}.0`)
    ? env.resolve(whenTrue, `${env.path}.1`)
    : env.resolve(whenFalse, `${env.path}.2`);
};

/** Compares resolved values; scalars compare as text, as CloudFormation compares strings. */
export const fnEquals: IntrinsicHandler = (args, { path, resolve }) => {
  const [left, right] = argList(args, path, 2).map((value, index) =>
    canonical(resolve(value, `${path}.${index}`)),
  );
  return left === right;
};

export const fnAnd: IntrinsicHandler = (args, env) =>
  argList(args, env.path, 2, 10).every((item, index) => operand(item, env, index));

export const fnOr: IntrinsicHandler = (args, env) =>
  argList(args, env.path, 2, 10).some((item, index) => operand(item, env, index));

export const fnNot: IntrinsicHandler = (args, env) => !operand(argList(args, env.path, 1)[0], env, 0);

/** An operand of And/Or/Not: `{ "Condition": "Name" }` or a condition function. */
function operand(value: unknown, env: HandlerEnv, index: number): boolean {
  const at = `${env.path}.${index}`;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const name = (value as Record<string, unknown>).Condition;
    if (keys.length === 1 && keys[0] === 'Condition') {
      if (typeof name !== 'string') throw new IntrinsicError(`${at}.Condition`, 'expected a condition name');
      return conditionValue(name, env.ctx, `${at}.Condition`);
    }
  }
  const resolved = env.resolve(value, at);
  if (resolved === true || resolved === 'true') return true;
  if (resolved === false || resolved === 'false') return false;
  throw new IntrinsicError(at, `expected a condition, got ${kind(resolved)}`);
}

function conditionValue(name: string, ctx: ResolutionContext, path: string): boolean {
  if (!Object.hasOwn(ctx.conditions, name))
    throw new IntrinsicError(path, `condition '${name}' is not declared`);
  return ctx.conditions[name] === true;
}

function canonical(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? kind(value);
}
