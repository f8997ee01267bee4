import type { StackDeployer } from '../deploy/stack-deployer.ts';
import type { StackReader } from '../services/cloudformation/index.ts';

const ms = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso));

/**
 * The CloudFormation API's view of the deployer: the wire layer reads stacks through this, so the
 * API never sees the deployer's state file.
 */
export function stackReaderOf(deployer: StackDeployer): StackReader {
  return {
    listStacks: () =>
      deployer.describeStacks().map((stack) => ({
        stackId: stack.stackId,
        stackName: stack.stackName,
        status: stack.status,
        creationTime: ms(stack.creationTime) ?? 0,
        parameters: Object.fromEntries(stack.parameters.map((p) => [p.key, p.value])),
        outputs: stack.outputs.map((o) => ({
          key: o.outputKey,
          value: o.outputValue,
          ...(o.description ? { description: o.description } : {}),
          ...(o.exportName ? { exportName: o.exportName } : {}),
        })),
        tags: {},
        capabilities: ['CAPABILITY_IAM'],
        ...(stack.statusReason ? { statusReason: stack.statusReason } : {}),
        ...(stack.description ? { description: stack.description } : {}),
        ...(stack.lastUpdatedTime ? { lastUpdatedTime: ms(stack.lastUpdatedTime) ?? 0 } : {}),
      })),
    stackEvents: (stackId) =>
      deployer.describeStackEvents(stackId).map((event) => ({
        eventId: event.eventId,
        logicalId: event.logicalId,
        physicalId: event.physicalId,
        resourceType: event.resourceType,
        status: event.status,
        timestamp: ms(event.timestamp) ?? 0,
        ...(event.reason ? { statusReason: event.reason } : {}),
      })),
    stackResources: (stackId) =>
      deployer.listStackResources(stackId).map((resource) => ({
        logicalId: resource.logicalId,
        physicalId: resource.physicalId,
        type: resource.resourceType,
        status: resource.status,
        lastUpdated: ms(resource.lastUpdated) ?? 0,
        ...(resource.reason ? { statusReason: resource.reason } : {}),
      })),
    exports: () => deployer.listExports(),
    // getTemplate refuses an unknown stack with CloudFormation's own ValidationError.
    template: (stackId) => JSON.stringify(deployer.getTemplate(stackId)),
  };
}
