/** https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListExports.html */
import { defineOperation } from '../../../protocol/operation.ts';
import type { StackReader } from '../stack-reader.ts';

export const listExports = (reader: StackReader) =>
  defineOperation({
    input: { NextToken: { type: 'string' } },
    handle: async () => ({
      Exports: (await reader.exports()).map((e) => ({
        ExportingStackId: e.exportingStackId,
        Name: e.name,
        Value: e.value,
      })),
    }),
  });
