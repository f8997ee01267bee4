/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteChangeSet.html */
import { defineOperation } from '../../../protocol/operation.ts';
import { cloudformationErrors } from '../errors.ts';
import { CHANGE_SET_NAME } from '../fields.ts';
import { findChangeSet } from '../find-change-set.ts';
import { STACK_NAME } from '../find-stack.ts';
import type { CloudFormationService } from '../service.ts';

export const deleteChangeSet = (api: CloudFormationService) =>
  defineOperation({
    input: { ChangeSetName: { ...CHANGE_SET_NAME, required: true }, StackName: STACK_NAME },
    handle: (input) => {
      const cs = findChangeSet(api, input.ChangeSetName, input.StackName);
      if (cs.executionStatus === 'EXECUTE_IN_PROGRESS') {
        throw cloudformationErrors.invalidChangeSetStatus(
          `ChangeSet [${cs.changeSetId}] cannot be deleted in its current status of [EXECUTE_IN_PROGRESS]`,
        );
      }
      api.records.removeChangeSet(cs.changeSetId);
      return {};
    },
  });
