import type { ResolvedParameters } from '../template/parameters.ts';
import type { JsonObject, Template } from '../template/types.ts';

/**
 * The stack lifecycle's typed data, shaped like the CloudFormation API's (DescribeStacks,
 * ListStackResources, DescribeStackEvents) so the endpoint layer only renames fields for the wire.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html
 */

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/view-stack-events.html#cfn-console-view-stack-data-resources-status-codes */
export type StackStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_FAILED'
  | 'CREATE_COMPLETE'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_FAILED'
  | 'ROLLBACK_COMPLETE'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_ROLLBACK_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_FAILED'
  | 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_COMPLETE'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_FAILED'
  | 'DELETE_COMPLETE';

export type ResourceStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_FAILED'
  | 'CREATE_COMPLETE'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_FAILED'
  | 'UPDATE_COMPLETE'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_FAILED'
  | 'DELETE_COMPLETE'
  | 'DELETE_SKIPPED';

/** One line of DescribeStackEvents. Stack-level events have `logicalId` = stack name and the stack's type. */
export interface StackEvent {
  readonly eventId: string;
  readonly stackId: string;
  readonly stackName: string;
  readonly logicalId: string;
  /** Empty until the resource has one. */
  readonly physicalId: string;
  readonly resourceType: string;
  readonly status: ResourceStatus | StackStatus;
  readonly reason?: string;
  /** ISO 8601, from the engine's clock. */
  readonly timestamp: string;
}

export const STACK_RESOURCE_TYPE = 'AWS::CloudFormation::Stack';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackResourceSummary.html */
export interface StackResourceSummary {
  readonly logicalId: string;
  readonly physicalId: string;
  readonly resourceType: string;
  readonly status: ResourceStatus;
  readonly reason?: string;
  readonly lastUpdated: string;
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Output.html */
export interface StackOutput {
  readonly outputKey: string;
  readonly outputValue: string;
  readonly description?: string;
  readonly exportName?: string;
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html */
export interface StackDescription {
  readonly stackId: string;
  readonly stackName: string;
  readonly description?: string;
  readonly status: StackStatus;
  readonly statusReason?: string;
  readonly creationTime: string;
  readonly lastUpdatedTime?: string;
  /** NoEcho values are shown as `****`, as AWS does. */
  readonly parameters: readonly { readonly key: string; readonly value: string }[];
  readonly outputs: readonly StackOutput[];
}

/** A resource as the stack remembers it (persisted). */
export interface ResourceRecord {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId: string;
  /** Resolved properties it was created or last updated with. */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly status: ResourceStatus;
  readonly reason?: string;
  readonly lastUpdated: string;
}

/** A stack as persisted in the deployer's state file. */
export interface StackRecord {
  stackId: string;
  stackName: string;
  status: StackStatus;
  statusReason?: string;
  creationTime: string;
  lastUpdatedTime?: string;
  /** The template document last deployed successfully (or being deployed). */
  template: JsonObject;
  parameters: ResolvedParameters;
  conditions: Record<string, boolean>;
  /** By logical id. */
  resources: Record<string, ResourceRecord>;
  /** Old resources (replaced or removed) still to delete; normally empty between operations. */
  pendingCleanup: ResourceRecord[];
  outputs: StackOutput[];
  /** Export names this stack reads with Fn::ImportValue (an export in use cannot change or go). */
  imports: string[];
  /** Oldest first, capped. */
  events: StackEvent[];
}

export interface DeployInput {
  readonly stackName: string;
  /** A parsed template, or its JSON text. */
  readonly template: Template | string;
  readonly parameterOverrides?: Readonly<Record<string, string>>;
  /** The id a new stack gets (a CreateChangeSet's stack keeps the id it was announced with). */
  readonly stackId?: string;
  /** Called for every event of this operation, in addition to the deployer's own `onEvent`. */
  readonly onEvent?: (event: StackEvent) => void;
  /**
   * Delete a stack left in a failed state (UPDATE_ROLLBACK_FAILED too, which is otherwise refused)
   * and create it anew; retained resources are adopted. `tapstack up --replace-failed`.
   */
  readonly replaceFailed?: boolean;
}

/** What happened to one resource in a deploy. */
export interface ResourceChange {
  readonly logicalId: string;
  readonly resourceType: string;
  readonly action: 'Add' | 'Modify' | 'Replace' | 'Remove';
}

export interface DeployResult {
  readonly stack: StackDescription;
  /** `NO_CHANGES`: the template, parameters and every resolved resource were as deployed; nothing was touched. */
  readonly action: 'CREATE' | 'UPDATE' | 'NO_CHANGES';
  readonly changes: readonly ResourceChange[];
}
