/**
 * The CloudFormation API on the AWS endpoint (awsQuery, XML), backed by the deploy engine: the
 * read side through a `StackReader`, the write side (stacks, change sets) through a
 * `CloudFormationService` over the engine's `StackControl`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/Welcome.html
 *
 * LIMITATIONS: no pagination (NextToken is accepted and everything is returned in one page); no
 * drift detection, stack sets, IMPORT change sets, nested stacks, transforms, rollback triggers,
 * notification ARNs, service roles (RoleARN is accepted and not assumed), termination protection
 * or RetainResources; DisableRollback and OnFailure are accepted and a failed create still rolls
 * back; write calls answer once their operation has finished (up to 30 s), so a waiter's first poll
 * sees the final status; CancelUpdateStack stops an update before its next resource.
 */

import type { OperationTable } from '../../protocol/operation.ts';
import type { QueryServiceEntry } from '../../protocol/service-entry.ts';
import { findChangeSet } from './find-change-set.ts';
import { cancelUpdateStack } from './operations/cancel-update-stack.ts';
import { createChangeSet } from './operations/create-change-set.ts';
import { createStack } from './operations/create-stack.ts';
import { deleteChangeSet } from './operations/delete-change-set.ts';
import { deleteStack } from './operations/delete-stack.ts';
import { describeChangeSet } from './operations/describe-change-set.ts';
import { describeStackEvents } from './operations/describe-stack-events.ts';
import { describeStackResource } from './operations/describe-stack-resource.ts';
import { describeStackResources } from './operations/describe-stack-resources.ts';
import { describeStacks } from './operations/describe-stacks.ts';
import { executeChangeSet } from './operations/execute-change-set.ts';
import { getTemplate } from './operations/get-template.ts';
import { getTemplateSummary } from './operations/get-template-summary.ts';
import { listChangeSets } from './operations/list-change-sets.ts';
import { listExports } from './operations/list-exports.ts';
import { listStackResources } from './operations/list-stack-resources.ts';
import { listStacks } from './operations/list-stacks.ts';
import { updateStack } from './operations/update-stack.ts';
import { validateTemplate } from './operations/validate-template.ts';
import type { CloudFormationService } from './service.ts';
import type { StackReader } from './stack-reader.ts';

export const CLOUDFORMATION_XMLNS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** The read operations; with `api`, the write operations too. */
export function cloudFormationOperations(reader: StackReader, api?: CloudFormationService): OperationTable {
  const source = api?.reader ?? reader;
  const read: OperationTable = {
    DescribeStacks: describeStacks(source),
    ListStacks: listStacks(source),
    ListStackResources: listStackResources(source),
    DescribeStackResources: describeStackResources(source),
    DescribeStackEvents: describeStackEvents(source),
    ListExports: listExports(source),
    GetTemplate: getTemplate(source),
  };
  if (!api) return read;
  return {
    ...read,
    GetTemplate: getTemplate(source, (name, stack) => findChangeSet(api, name, stack).templateBody),
    DescribeStackResource: describeStackResource(api),
    ValidateTemplate: validateTemplate(api),
    GetTemplateSummary: getTemplateSummary(api),
    CreateStack: createStack(api),
    UpdateStack: updateStack(api),
    DeleteStack: deleteStack(api),
    CancelUpdateStack: cancelUpdateStack(api),
    CreateChangeSet: createChangeSet(api),
    DescribeChangeSet: describeChangeSet(api),
    ExecuteChangeSet: executeChangeSet(api),
    DeleteChangeSet: deleteChangeSet(api),
    ListChangeSets: listChangeSets(api),
  };
}

/** The service-map entry for `cloudformation`. */
export function cloudFormationServiceEntry(
  reader: StackReader,
  api?: CloudFormationService,
): QueryServiceEntry {
  return {
    kind: 'query',
    protocol: { xmlns: CLOUDFORMATION_XMLNS },
    iamPrefix: 'cloudformation',
    operations: cloudFormationOperations(reader, api),
    validationCode: 'ValidationError',
  };
}
