/**
 * Change sets through the CloudFormation API, as `aws cloudformation deploy` makes them: CREATE for
 * a new stack, UPDATE (other parameters keep their previous values) for an existing one. Used by
 * `tapstack diff` (then discarded) and `tapstack deploy` (then executed). Works against the local
 * cloud and AWS alike.
 */
import {
  type Change,
  type CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  type DescribeChangeSetCommandOutput,
  DescribeStacksCommand,
  GetTemplateSummaryCommand,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import type { PlannedChange } from '../format/change-set.ts';

export interface ChangeSetRequest {
  readonly stackName: string;
  readonly templateBody: string;
  readonly parameters: Readonly<Record<string, string>>;
}

export interface ChangeSetResult {
  readonly id: string;
  readonly stackId: string;
  readonly type: 'CREATE' | 'UPDATE';
  /** True when CloudFormation found nothing to change ("No changes to deploy"). */
  readonly empty: boolean;
  readonly reason?: string;
  readonly changes: readonly PlannedChange[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the stack exists (a REVIEW_IN_PROGRESS stack does not, as the AWS CLI counts), and its parameter keys. */
export async function existingStack(
  client: CloudFormationClient,
  stackName: string,
): Promise<{ readonly exists: boolean; readonly parameterKeys: readonly string[] }> {
  try {
    const out = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = out.Stacks?.[0];
    if (!stack || stack.StackStatus === 'REVIEW_IN_PROGRESS') return { exists: false, parameterKeys: [] };
    return { exists: true, parameterKeys: (stack.Parameters ?? []).map((p) => p.ParameterKey ?? '') };
  } catch (error) {
    if ((error as Error).message.includes('does not exist')) return { exists: false, parameterKeys: [] };
    throw error;
  }
}

export async function createChangeSet(
  client: CloudFormationClient,
  request: ChangeSetRequest,
): Promise<ChangeSetResult> {
  const stack = await existingStack(client, request.stackName);
  const summary = await client.send(new GetTemplateSummaryCommand({ TemplateBody: request.templateBody }));
  const declared = (summary.Parameters ?? []).map((p) => p.ParameterKey ?? '');
  const parameters: Parameter[] = declared.flatMap((key): Parameter[] => {
    const value = request.parameters[key];
    if (value !== undefined) return [{ ParameterKey: key, ParameterValue: value }];
    return stack.exists && stack.parameterKeys.includes(key)
      ? [{ ParameterKey: key, UsePreviousValue: true }]
      : [];
  });
  const unknown = Object.keys(request.parameters).filter((key) => !declared.includes(key));
  if (unknown.length > 0) throw new Error(`the template declares no parameter ${unknown.join(', ')}`);
  const type = stack.exists ? 'UPDATE' : 'CREATE';
  const made = await client.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: `tapstack-${Date.now()}`,
      ChangeSetType: type,
      TemplateBody: request.templateBody,
      Parameters: parameters,
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      Description: 'Created by tapstack',
    }),
  );
  const id = made.Id ?? '';
  let described: DescribeChangeSetCommandOutput;
  // The local cloud answers at once; AWS takes seconds.
  for (let attempt = 0; ; attempt++) {
    described = await client.send(new DescribeChangeSetCommand({ ChangeSetName: id }));
    if (described.Status !== 'CREATE_PENDING' && described.Status !== 'CREATE_IN_PROGRESS') break;
    if (attempt > 600) throw new Error(`change set ${id} is still ${described.Status}`);
    await sleep(1000);
  }
  const reason = described.StatusReason ?? '';
  const empty =
    described.Status === 'FAILED' &&
    (reason.includes("didn't contain changes") || reason.includes('No updates are to be performed'));
  if (described.Status === 'FAILED' && !empty) throw new Error(`the change set failed: ${reason}`);
  return {
    id,
    stackId: made.StackId ?? '',
    type,
    empty,
    ...(reason ? { reason } : {}),
    changes: (described.Changes ?? []).flatMap(planned),
  };
}

/** Deletes a change set that will not run (and the REVIEW_IN_PROGRESS stack a CREATE one announced). */
export async function discardChangeSet(client: CloudFormationClient, result: ChangeSetResult): Promise<void> {
  await client.send(new DeleteChangeSetCommand({ ChangeSetName: result.id }));
  if (result.type === 'CREATE') await client.send(new DeleteStackCommand({ StackName: result.stackId }));
}

function planned(change: Change): PlannedChange[] {
  const rc = change.ResourceChange;
  if (!rc?.Action || !rc.LogicalResourceId) return [];
  const details = rc.Details ?? [];
  const names = [...new Set(details.map((d) => d.Target?.Name).filter((n): n is string => !!n))];
  const base = {
    logicalId: rc.LogicalResourceId,
    resourceType: rc.ResourceType ?? '',
    ...(rc.PhysicalResourceId ? { physicalId: rc.PhysicalResourceId } : {}),
  };
  if (rc.Action === 'Modify' && rc.Replacement === 'True') {
    const forcing = details
      .filter((d) => d.Target?.RequiresRecreation === 'Always')
      .map((d) => d.Target?.Name ?? '')
      .filter(Boolean);
    return [{ ...base, action: 'Replace', properties: forcing.length > 0 ? forcing : ['Type'] }];
  }
  if (rc.Action === 'Modify')
    return [
      {
        ...base,
        action: 'Modify',
        properties: names,
        ...(rc.Replacement === 'Conditional' ? { mayReplace: true } : {}),
      },
    ];
  if (rc.Action === 'Add' || rc.Action === 'Remove') return [{ ...base, action: rc.Action, properties: [] }];
  return [];
}
