/** One piece of an `Fn::Sub` string: literal text or a `${Name}` variable. */
export type SubPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string };

/**
 * Splits an `Fn::Sub` string. `${Name}` is a variable (`Name` may be `Res.Attr` or `AWS::Region`);
 * `${!Literal}` is the literal text `${Literal}`; a `${` with no closing brace is literal text.
 * Shared by the resolver and the dependency graph so both read a string the same way.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html
 */
export function parseSub(text: string): SubPart[] {
  const parts: SubPart[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    const open = text.indexOf('${', index);
    const close = open < 0 ? -1 : text.indexOf('}', open + 2);
    if (open < 0 || close < 0) {
      literal += text.slice(index);
      break;
    }
    literal += text.slice(index, open);
    const inner = text.slice(open + 2, close);
    if (inner.startsWith('!')) {
      literal += `\${${inner.slice(1)}}`;
    } else {
      if (literal) parts.push({ kind: 'text', text: literal });
      literal = '';
      parts.push({ kind: 'variable', name: inner.trim() });
    }
    index = close + 1;
  }
  if (literal) parts.push({ kind: 'text', text: literal });
  return parts;
}

/** The `${}` names in a Sub string, excluding `${!…}` literals. */
export const subVariables = (text: string): string[] =>
  parseSub(text).flatMap((part) => (part.kind === 'variable' ? [part.name] : []));
