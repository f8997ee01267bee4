/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStacks.html */
import { defineOperation } from '../../../protocol/operation.ts';
import type { StackReader } from '../stack-reader.ts';

export const listStacks = (reader: StackReader) =>
  defineOperation({
    input: {
      NextToken: { type: 'string' },
      StackStatusFilter: { type: 'list', member: { type: 'string' } },
    },
    handle: async (input) => {
      const filter = input.StackStatusFilter;
      const stacks = (await reader.listStacks()).filter(
        (s) => filter === undefined || filter.length === 0 || filter.includes(s.status),
      );
      return {
        StackSummaries: [...stacks]
          .sort((a, b) => b.creationTime - a.creationTime)
          .map((s) => ({
            StackId: s.stackId,
            StackName: s.stackName,
            TemplateDescription: s.description,
            CreationTime: new Date(s.creationTime),
            LastUpdatedTime: s.lastUpdatedTime === undefined ? undefined : new Date(s.lastUpdatedTime),
            DeletionTime: s.deletionTime === undefined ? undefined : new Date(s.deletionTime),
            StackStatus: s.status,
            StackStatusReason: s.statusReason,
            DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
          })),
      };
    },
  });
