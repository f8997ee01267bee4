/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResource.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { cloudformationErrors } from '../errors.ts';
import { findStack, STACK_NAME, stackResourceArn } from '../find-stack.ts';
import type { CloudFormationService } from '../service.ts';

export const describeStackResource = (api: CloudFormationService) =>
  defineOperation({
    input: {
      StackName: { ...STACK_NAME, required: true },
      LogicalResourceId: { type: 'string', required: true, minLength: 1 },
    },
    resource: (input, ctx) => stackResourceArn(input.StackName, ctx.region, ctx.accountId),
    handle: async (input) => {
      const stack = await findStack(api.reader, input.StackName);
      const resource = (await api.reader.stackResources(stack.stackId)).find(
        (r) => r.logicalId === input.LogicalResourceId,
      );
      if (!resource)
        throw cloudformationErrors.validation(
          `Resource ${input.LogicalResourceId} does not exist for stack ${stack.stackName}`,
        );
      return {
        StackResourceDetail: {
          StackName: stack.stackName,
          StackId: stack.stackId,
          LogicalResourceId: resource.logicalId,
          PhysicalResourceId: resource.physicalId,
          ResourceType: resource.type,
          LastUpdatedTimestamp: new Date(resource.lastUpdated),
          ResourceStatus: resource.status,
          ResourceStatusReason: resource.statusReason,
          DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
        },
      };
    },
  });
