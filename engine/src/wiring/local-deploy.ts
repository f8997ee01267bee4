import type { DeployResult, StackEvent } from '../deploy/types.ts';
import type { CloudFormationService } from '../services/cloudformation/index.ts';

/** `tapstack up`'s deploy: the CloudFormation API's path, with every capability acknowledged. */
export function deployThroughApi(
  api: CloudFormationService,
  request: {
    readonly stackName: string;
    readonly templateBody: string;
    readonly parameters?: Readonly<Record<string, string>>;
    readonly onEvent?: (event: StackEvent) => void;
    readonly replaceFailed?: boolean;
  },
): Promise<DeployResult> {
  const existing = api.records.reviews().find((r) => r.stackName === request.stackName);
  if (existing) api.records.removeReview(existing.stackId);
  const { done } = api.startDeploy(
    {
      stackName: request.stackName,
      templateBody: request.templateBody,
      parameters: request.parameters ?? {},
      ...(existing ? { stackId: existing.stackId } : {}),
      ...(request.onEvent ? { onEvent: request.onEvent } : {}),
      ...(request.replaceFailed ? { replaceFailed: true } : {}),
    },
    {
      tags: {},
      capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      templateBody: request.templateBody,
    },
  );
  return done;
}
