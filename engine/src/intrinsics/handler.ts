import type { ResolutionContext } from './context.ts';

/** What one intrinsic handler receives: its arguments (unresolved), the context, where it is, and the resolver. */
export interface HandlerEnv {
  readonly ctx: ResolutionContext;
  /** Path of the intrinsic itself, e.g. `Resources.A.Properties.Name.Fn::Sub`. */
  readonly path: string;
  /** Resolves a nested value; may return `NO_VALUE`. */
  readonly resolve: (value: unknown, path: string) => unknown;
}

export type IntrinsicHandler = (args: unknown, env: HandlerEnv) => unknown;
