import type { JsonValue } from '../template/types.ts';
import { kind } from './args.ts';
import type { ResolutionContext } from './context.ts';
import { IntrinsicError } from './intrinsic-error.ts';
import { resolveValue } from './resolve.ts';

/**
 * Evaluates the `Conditions` section. Conditions may refer to each other (`{ "Condition": … }`,
 * `Fn::If`); each is evaluated once, and a cycle is an error naming the conditions in it.
 * Conditions may use parameters, pseudo parameters and mappings, never resources.
 */
export function evaluateConditions(
  definitions: Readonly<Record<string, JsonValue>>,
  base: Pick<ResolutionContext, 'parameters' | 'pseudo' | 'mappings'>,
): Record<string, boolean> {
  const results = new Map<string, boolean>();
  const evaluating: string[] = [];
  const lazy: Record<string, boolean> = {};
  const noResources = (what: string) => (logicalId: string) => {
    throw new IntrinsicError(`Conditions`, `conditions cannot use ${what} '${logicalId}'`);
  };
  const ctx: ResolutionContext = {
    ...base,
    conditions: lazy,
    resourcePhysicalId: noResources('resource'),
    resourceAttribute: noResources('resource'),
    importValue: noResources('the import'),
  };
  const evaluate = (name: string): boolean => {
    const known = results.get(name);
    if (known !== undefined) return known;
    if (evaluating.includes(name)) {
      const cycle = [...evaluating.slice(evaluating.indexOf(name)), name];
      throw new IntrinsicError(`Conditions.${name}`, `circular condition references: ${cycle.join(' -> ')}`);
    }
    evaluating.push(name);
    const path = `Conditions.${name}`;
    const value = resolveValue(definitions[name], ctx, path);
    evaluating.pop();
    if (typeof value !== 'boolean')
      throw new IntrinsicError(path, `expected a condition function, got ${kind(value)}`);
    results.set(name, value);
    return value;
  };
  for (const name of Object.keys(definitions)) {
    Object.defineProperty(lazy, name, { enumerable: true, get: () => evaluate(name) });
  }
  return Object.fromEntries(Object.keys(definitions).map((name) => [name, evaluate(name)]));
}
