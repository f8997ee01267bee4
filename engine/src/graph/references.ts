import { isPseudoParameter } from '../intrinsics/context.ts';
import { subVariables } from '../intrinsics/sub-template.ts';

/** A reference from one place of a template to a logical id (resource or parameter). */
export interface Reference {
  readonly kind: 'Ref' | 'Fn::GetAtt' | 'Fn::Sub' | 'DependsOn';
  readonly target: string;
  /** For GetAtt and `${Res.Attr}`; undefined when the attribute name is itself computed. */
  readonly attribute?: string;
  /** Where the reference is written. */
  readonly path: string;
}

/**
 * Which branch of `Fn::If` to follow: a condition's value, or undefined to follow both (used
 * to check that every reference anywhere in the template points at something declared).
 */
export type BranchChooser = (condition: string) => boolean | undefined;

/**
 * Every `Ref`, `Fn::GetAtt` and `${}` in `Fn::Sub` inside a value, except pseudo parameters,
 * `${!Literal}` escapes and Sub-local variables. Parameters are included; the caller tells them apart.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html
 */
export function collectReferences(
  value: unknown,
  path: string,
  choose: BranchChooser = () => undefined,
): Reference[] {
  const found: Reference[] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${at}.${index}`);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const entries = Object.entries(node);
    const [key, args] = entries.length === 1 ? (entries[0] as [string, unknown]) : ['', undefined];
    const here = `${at}.${key}`;
    if (key === 'Ref') {
      if (typeof args === 'string' && !isPseudoParameter(args))
        found.push({ kind: 'Ref', target: args, path: here });
      return;
    }
    if (key === 'Fn::GetAtt') {
      getAtt(args, here);
      return;
    }
    if (key === 'Fn::Sub') {
      sub(args, here);
      return;
    }
    if (key === 'Fn::If' && Array.isArray(args) && args.length === 3 && typeof args[0] === 'string') {
      const chosen = choose(args[0]);
      if (chosen !== false) walk(args[1], `${here}.1`);
      if (chosen !== true) walk(args[2], `${here}.2`);
      return;
    }
    for (const [name, item] of entries) walk(item, `${at}.${name}`);
  };
  const getAtt = (args: unknown, at: string): void => {
    if (typeof args === 'string') {
      const dot = args.indexOf('.');
      if (dot > 0)
        found.push({
          kind: 'Fn::GetAtt',
          target: args.slice(0, dot),
          attribute: args.slice(dot + 1),
          path: at,
        });
      return;
    }
    if (!Array.isArray(args) || typeof args[0] !== 'string') return;
    const attribute = args[1];
    found.push({
      kind: 'Fn::GetAtt',
      target: args[0],
      ...(typeof attribute === 'string' ? { attribute } : {}),
      path: at,
    });
    if (typeof attribute !== 'string') walk(attribute, `${at}.1`);
  };
  const sub = (args: unknown, at: string): void => {
    const [text, locals] = Array.isArray(args) ? [args[0], args[1]] : [args, undefined];
    const localNames =
      typeof locals === 'object' && locals !== null && !Array.isArray(locals) ? Object.keys(locals) : [];
    if (localNames.length > 0) walk(locals, `${at}.1`);
    if (typeof text !== 'string') return;
    for (const name of subVariables(text)) {
      if (localNames.includes(name) || isPseudoParameter(name) || name === '') continue;
      const dot = name.indexOf('.');
      found.push(
        dot > 0
          ? { kind: 'Fn::Sub', target: name.slice(0, dot), attribute: name.slice(dot + 1), path: at }
          : { kind: 'Fn::Sub', target: name, path: at },
      );
    }
  };
  walk(value, path);
  return found;
}
