/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ExecuteChangeSet.html
 * Only an AVAILABLE change set runs, once; one made before the stack last changed is OBSOLETE.
 * Executing one removes the stack's other change sets, as AWS does (so they do not pile up).
 */
import { defineOperation } from '../../../protocol/operation.ts';
import { cloudformationErrors } from '../errors.ts';
import { CHANGE_SET_NAME } from '../fields.ts';
import { findChangeSet } from '../find-change-set.ts';
import { STACK_NAME } from '../find-stack.ts';
import { liveStack } from '../live-stack.ts';
import type { CloudFormationService } from '../service.ts';

export const executeChangeSet = (api: CloudFormationService) =>
  defineOperation({
    input: {
      ChangeSetName: { ...CHANGE_SET_NAME, required: true },
      StackName: STACK_NAME,
      ClientRequestToken: { type: 'string' },
      DisableRollback: { type: 'boolean' },
      RetainExceptOnCreate: { type: 'boolean' },
    },
    handle: async (input) => {
      const cs = findChangeSet(api, input.ChangeSetName, input.StackName);
      const stack = await liveStack(api, cs.stackId);
      if (cs.type === 'UPDATE' && stack && api.control.isBusy(stack.stackName))
        throw cloudformationErrors.notUpdatable(stack.stackId, stack.status);
      const stale =
        cs.executionStatus === 'AVAILABLE' &&
        (cs.type === 'CREATE'
          ? stack?.status !== 'REVIEW_IN_PROGRESS'
          : !stack || (await api.lastEventId(stack.stackId)) !== cs.baseEventId);
      if (stale) {
        cs.executionStatus = 'OBSOLETE';
        api.records.save();
      }
      if (cs.executionStatus !== 'AVAILABLE') {
        throw cloudformationErrors.invalidChangeSetStatus(
          `ChangeSet [${cs.changeSetId}] cannot be executed in its current execution status of [${cs.executionStatus}]`,
        );
      }
      if (cs.type === 'CREATE') api.records.removeReview(cs.stackId);
      const { done } = api.startDeploy(
        {
          stackName: cs.stackName,
          templateBody: cs.templateBody,
          parameters: cs.overrides,
          stackId: cs.stackId,
        },
        { tags: cs.tags, capabilities: cs.capabilities, templateBody: cs.templateBody },
      );
      cs.executionStatus = 'EXECUTE_IN_PROGRESS';
      // As AWS does: executing a change set removes the stack's other change sets.
      for (const other of api.records.changeSets().filter((c) => c.stackId === cs.stackId && c !== cs))
        api.records.removeChangeSet(other.changeSetId);
      api.records.save();
      const finish = (status: 'EXECUTE_COMPLETE' | 'EXECUTE_FAILED') => {
        cs.executionStatus = status;
        api.records.save();
      };
      done.then(
        () => finish('EXECUTE_COMPLETE'),
        () => finish('EXECUTE_FAILED'),
      );
      await api.settle(done);
      return {};
    },
  });
