import { createHash } from 'node:crypto';
import { type Engine, zipSource } from '../../../engine/src/index.ts';

/** A deployed function the dev loop keeps in step with a bundle: its logical id in the stack. */
export interface FunctionTarget {
  readonly logicalId: string;
  readonly handler: string;
}

const shaOf = (code: string, handler: string): string =>
  createHash('sha256').update(zipSource(code, handler)).digest('base64');

/**
 * The stack's function built from this bundle: the one whose deployed package is this code, else
 * the stack's only function (its template was synthesized from older sources); undefined when
 * neither tells.
 */
export function findFunctionTarget(
  engine: Engine,
  stackName: string,
  code: string,
): FunctionTarget | undefined {
  const functions = engine.deployer
    .listStackResources(stackName)
    .filter((r) => r.resourceType === 'AWS::Lambda::Function' && r.physicalId)
    .map((r) => ({ logicalId: r.logicalId, description: engine.services.lambda.getFunction(r.physicalId) }));
  const same = functions.find((f) => f.description.CodeSha256 === shaOf(code, f.description.Handler));
  const only = functions.length === 1 ? functions[0] : undefined;
  const found = same ?? only;
  return found ? { logicalId: found.logicalId, handler: found.description.Handler } : undefined;
}

/** The function's current name (its physical id, which a stack update may change). */
export function functionNameOf(
  engine: Engine,
  stackName: string,
  target: FunctionTarget,
): string | undefined {
  return engine.deployer.listStackResources(stackName).find((r) => r.logicalId === target.logicalId)
    ?.physicalId;
}
