import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The CloudFormation resource behind an L2 construct, so we can pin its logical ID
 * (the seed's IDs are a contract: renaming one would replace the resource on update).
 */
export function defaultResource(construct: IConstruct): CfnResource {
  const child = construct.node.defaultChild;
  if (!(child instanceof CfnResource)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource as its default child`);
  }
  return child;
}

/** Pins the logical ID of an L2 construct's resource and returns it. */
export function pinLogicalId(construct: IConstruct, logicalId: string): CfnResource {
  const resource = defaultResource(construct);
  resource.overrideLogicalId(logicalId);
  return resource;
}
