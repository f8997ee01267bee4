import type { StackDescription, StackEvent, StackRecord, StackResourceSummary } from './types.ts';

/** DescribeStacks' view of a stack; NoEcho parameters are masked. */
export function describeStack(stack: StackRecord): StackDescription {
  return {
    stackId: stack.stackId,
    stackName: stack.stackName,
    ...(typeof stack.template.Description === 'string' ? { description: stack.template.Description } : {}),
    status: stack.status,
    ...(stack.statusReason === undefined ? {} : { statusReason: stack.statusReason }),
    creationTime: stack.creationTime,
    ...(stack.lastUpdatedTime === undefined ? {} : { lastUpdatedTime: stack.lastUpdatedTime }),
    parameters: Object.entries(stack.parameters.raw).map(([key, value]) => ({
      key,
      value: stack.parameters.noEcho.includes(key) ? '****' : value,
    })),
    outputs: stack.outputs.map((o) => ({ ...o })),
  };
}

/** ListStackResources' view, in the order the resources were recorded. */
export function listResources(stack: StackRecord): StackResourceSummary[] {
  return Object.values(stack.resources).map((r) => ({
    logicalId: r.logicalId,
    physicalId: r.physicalId,
    resourceType: r.type,
    status: r.status,
    ...(r.reason === undefined ? {} : { reason: r.reason }),
    lastUpdated: r.lastUpdated,
  }));
}

/** DescribeStackEvents' view: newest first, as AWS returns them. */
export function listEvents(stack: StackRecord): StackEvent[] {
  return [...stack.events].reverse();
}
