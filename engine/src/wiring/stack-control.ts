import type { StackDeployer } from '../deploy/stack-deployer.ts';
import { makeStackId } from '../deploy/stack-name.ts';
import type { AccountContext } from '../runtime/account.ts';
import type { StackControl } from '../services/cloudformation/index.ts';

/** The CloudFormation API's write side over the engine's deployer. */
export function stackControlOf(
  deployer: StackDeployer,
  /** An object's body in the local S3 (TemplateURL). */
  readObject: (bucket: string, key: string) => string,
  account: AccountContext,
): StackControl {
  const input = (spec: Parameters<StackControl['preview']>[0]) => ({
    stackName: spec.stackName,
    template: spec.templateBody,
    parameterOverrides: spec.parameters,
    ...(spec.stackId === undefined ? {} : { stackId: spec.stackId }),
    ...(spec.onEvent === undefined ? {} : { onEvent: spec.onEvent }),
    ...(spec.replaceFailed ? { replaceFailed: true } : {}),
  });
  return {
    preview: (spec) => {
      const preview = deployer.preview(input(spec));
      return {
        exists: preview.exists,
        hasChanges: preview.hasChanges,
        changes: preview.changes,
        parameters: preview.parameters.raw,
        noEcho: preview.parameters.noEcho,
      };
    },
    deploy: (spec) => deployer.deploy(input(spec)),
    deleteStack: (stackNameOrId, onEvent) =>
      deployer.deleteStack(stackNameOrId, onEvent === undefined ? {} : { onEvent }),
    previousParameters: (stackNameOrId) => deployer.previousParameters(stackNameOrId),
    cancelUpdate: (stackNameOrId) => deployer.cancelUpdate(stackNameOrId),
    isBusy: (stackName) => deployer.isBusy(stackName),
    stackIdOf: (stackName) =>
      deployer.describeStacks().find((stack) => stack.stackName === stackName)?.stackId,
    newStackId: (stackName) => makeStackId(account, stackName),
    readObject,
  };
}
