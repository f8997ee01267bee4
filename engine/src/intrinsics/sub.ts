import { argList, asString, kind } from './args.ts';
import { isPseudoParameter } from './context.ts';
import type { IntrinsicHandler } from './handler.ts';
import { IntrinsicError } from './intrinsic-error.ts';
import { attributeOf, refByName } from './references.ts';
import { parseSub } from './sub-template.ts';

/**
 * `Fn::Sub` in both forms: `"text"` and `["text", { Var: value }]`. A variable is looked up in the
 * local map first, then as `Resource.Attribute` (GetAtt), a pseudo parameter, a parameter or a
 * resource (Ref). Every variable must resolve to a string (numbers are written as text).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
 */
export const sub: IntrinsicHandler = (args, { ctx, path, resolve }) => {
  let text: unknown = args;
  let locals: Record<string, unknown> = {};
  if (Array.isArray(args)) {
    const [template, variables] = argList(args, path, 2);
    text = template;
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
      throw new IntrinsicError(`${path}.1`, 'expected an object of variables');
    }
    locals = variables as Record<string, unknown>;
  }
  if (typeof text !== 'string') throw new IntrinsicError(path, 'expected a string, or [string, variables]');
  const resolvedLocals = new Map<string, unknown>();
  const local = (name: string): unknown => {
    if (!resolvedLocals.has(name)) resolvedLocals.set(name, resolve(locals[name], `${path}.1.${name}`));
    return resolvedLocals.get(name);
  };
  return parseSub(text)
    .map((part) => {
      if (part.kind === 'text') return part.text;
      const value = lookup(part.name);
      if (
        Array.isArray(value) ||
        (typeof value === 'object' && value !== null) ||
        typeof value === 'symbol'
      ) {
        throw new IntrinsicError(
          path,
          `variable '\${${part.name}}' must resolve to a string, got ${kind(value)}`,
        );
      }
      return asString(value, path, `variable '\${${part.name}}'`);
    })
    .join('');

  function lookup(name: string): unknown {
    if (Object.hasOwn(locals, name)) return local(name);
    if (name === '') throw new IntrinsicError(path, 'empty variable name');
    const dot = name.indexOf('.');
    if (dot > 0 && !isPseudoParameter(name))
      return attributeOf(name.slice(0, dot), name.slice(dot + 1), ctx, path);
    return refByName(name, ctx, path);
  }
};
