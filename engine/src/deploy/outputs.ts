import type { ResolutionContext } from '../intrinsics/context.ts';
import { IntrinsicError } from '../intrinsics/intrinsic-error.ts';
import { resolveValue } from '../intrinsics/resolve.ts';
import { AwsError } from '../runtime/aws-error.ts';
import type { OutputRewriter } from './output-rewriter.ts';
import type { PreparedStack } from './prepare.ts';
import type { StackStore } from './stack-store.ts';
import type { StackOutput } from './types.ts';

/**
 * Resolves the Outputs section: outputs whose Condition is false are left out, values must be
 * strings (numbers and booleans are written as text), and each value passes through the
 * `rewriteOutput` hook before it is stored and exported.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html
 */
export function resolveOutputs(
  prepared: PreparedStack,
  ctx: ResolutionContext,
  rewrite: OutputRewriter,
  stackName: string,
): StackOutput[] {
  const outputs: StackOutput[] = [];
  for (const output of prepared.template.outputs) {
    if (output.condition !== undefined && prepared.conditions[output.condition] !== true) continue;
    const path = `Outputs.${output.logicalId}`;
    const value = text(resolveValue(output.value, ctx, `${path}.Value`), `${path}.Value`);
    const exportName =
      output.exportName === undefined
        ? undefined
        : text(resolveValue(output.exportName, ctx, `${path}.Export.Name`), `${path}.Export.Name`);
    outputs.push({
      outputKey: output.logicalId,
      outputValue: rewrite(output.logicalId, value, stackName),
      ...(output.description === undefined ? {} : { description: output.description }),
      ...(exportName === undefined ? {} : { exportName }),
    });
  }
  return outputs;
}

/**
 * Export rules: a name is exported by one stack only, and an export another stack imports can
 * neither change nor disappear.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-exports.html
 */
export function checkExports(
  store: StackStore,
  stackName: string,
  outputs: readonly StackOutput[],
  previous: readonly StackOutput[],
): void {
  const seen = new Set<string>();
  for (const output of outputs) {
    if (output.exportName === undefined) continue;
    if (seen.has(output.exportName)) {
      throw new AwsError(
        'ValidationError',
        `Export with name ${output.exportName} is declared twice in the template`,
      );
    }
    seen.add(output.exportName);
    const owner = store.findExport(output.exportName, stackName);
    if (owner) {
      throw new AwsError(
        'ValidationError',
        `Export with name ${output.exportName} is already exported by stack ${owner.stackName}`,
      );
    }
  }
  for (const old of previous) {
    if (old.exportName === undefined) continue;
    const now = outputs.find((o) => o.exportName === old.exportName);
    if (now && now.outputValue === old.outputValue) continue;
    const users = store.importers(old.exportName, stackName);
    if (users.length > 0) {
      throw new AwsError(
        'ValidationError',
        `Export ${old.exportName} cannot be ${now ? 'updated' : 'deleted'} as it is in use by ${users.join(', ')}`,
      );
    }
  }
}

function text(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new IntrinsicError(path, 'every output value and export name must resolve to a string');
}
