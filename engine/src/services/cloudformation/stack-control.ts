/**
 * What the CloudFormation API asks of the deploy engine to change stacks. Plain data in and out;
 * the wiring adapts the engine's StackDeployer to it, so the API never sees the deployer's state.
 */
import type { ResourceChangeDescription } from '../../deploy/change-set.ts';
import type { DeployResult, StackEvent } from '../../deploy/types.ts';
import type { MaybePromise } from './stack-reader.ts';

export interface DeploySpec {
  readonly stackName: string;
  /** JSON or YAML. */
  readonly templateBody: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** The id a new stack gets (announced before the deploy runs). */
  readonly stackId?: string;
  /** Every event of this operation as it happens (`tapstack up` prints them). */
  readonly onEvent?: (event: StackEvent) => void;
  /** Delete and re-create a stack left failed (`tapstack up --replace-failed`). */
  readonly replaceFailed?: boolean;
}

export interface DeployPreview {
  /** False when deploying would create the stack. */
  readonly exists: boolean;
  /** False when deploying would change nothing. */
  readonly hasChanges: boolean;
  readonly changes: readonly ResourceChangeDescription[];
  /** Every parameter's value as the deploy would use it (defaults applied). */
  readonly parameters: Readonly<Record<string, string>>;
  readonly noEcho: readonly string[];
}

export interface StackControl {
  /** Throws the deploy's own validation error (ValidationError) when it would be refused. */
  preview(spec: DeploySpec): DeployPreview;
  /**
   * Starts a create or update. Before this returns, the stack is `…_IN_PROGRESS` (or the returned
   * promise is already rejected with the validation error that stopped it). The promise settles
   * when the operation has finished: rejected with a `DeployError` when it failed and rolled back.
   */
  deploy(spec: DeploySpec): Promise<DeployResult>;
  /** Deletes the stack; same contract as `deploy`. Rejects with an AwsError before starting when refused. */
  deleteStack(stackNameOrId: string, onEvent?: (event: StackEvent) => void): Promise<unknown>;
  /** The parameter values last deployed, NoEcho ones included (UsePreviousValue). */
  previousParameters(stackNameOrId: string): Readonly<Record<string, string>>;
  /** Stops a running update before its next resource (it rolls back); ValidationError otherwise. */
  cancelUpdate(stackNameOrId: string): void;
  /** Whether an operation on the stack is running. */
  isBusy(stackName: string): boolean;
  /** The id of the engine's stack of this name, if it has one. */
  stackIdOf(stackName: string): string | undefined;
  /** A stack id for a new stack of this name. */
  newStackId(stackName: string): string;
  /** The body of an object in the local S3 (TemplateURL); throws an AwsError naming it when missing. */
  readObject(bucket: string, key: string): MaybePromise<string>;
}
