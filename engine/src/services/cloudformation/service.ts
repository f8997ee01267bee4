/**
 * The CloudFormation API on the AWS endpoint (awsQuery, XML), reading stacks through a
 * `StackReader`. https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/Welcome.html
 *
 * LIMITATIONS: read-only (stacks are created by `tapstack`, not CreateStack); no pagination
 * (NextToken is accepted and everything is returned in one page); no change sets; no drift.
 */
import type { QueryServiceEntry } from '../../edge/service-map.ts';
import type { OperationTable } from '../../protocol/operation.ts';
import { describeStackEvents } from './describe-stack-events.ts';
import { describeStackResources } from './describe-stack-resources.ts';
import { describeStacks } from './describe-stacks.ts';
import { getTemplate } from './get-template.ts';
import { listExports } from './list-exports.ts';
import { listStackResources } from './list-stack-resources.ts';
import { listStacks } from './list-stacks.ts';
import type { StackReader } from './stack-reader.ts';

export const CLOUDFORMATION_XMLNS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

export function cloudFormationOperations(reader: StackReader): OperationTable {
  return {
    DescribeStacks: describeStacks(reader),
    ListStacks: listStacks(reader),
    ListStackResources: listStackResources(reader),
    DescribeStackResources: describeStackResources(reader),
    DescribeStackEvents: describeStackEvents(reader),
    ListExports: listExports(reader),
    GetTemplate: getTemplate(reader),
  };
}

/** The service-map entry for `cloudformation`. */
export function cloudFormationService(reader: StackReader): QueryServiceEntry {
  return {
    kind: 'query',
    protocol: { xmlns: CLOUDFORMATION_XMLNS },
    iamPrefix: 'cloudformation',
    operations: cloudFormationOperations(reader),
    validationCode: 'ValidationError',
  };
}
