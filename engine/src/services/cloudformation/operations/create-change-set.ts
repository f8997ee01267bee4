/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html
 * The change set is computed before the call answers, so it is already CREATE_COMPLETE (or FAILED
 * with AWS's no-changes reason) when a waiter first polls. A CREATE change set announces the stack
 * as REVIEW_IN_PROGRESS, as AWS does.
 */
import { randomUUID } from 'node:crypto';
import { validateStackName } from '../../../deploy/stack-name.ts';
import { defineOperation } from '../../../protocol/operation.ts';
import { checkCapabilities } from '../capabilities.ts';
import { cloudformationErrors, NO_CHANGES_REASON } from '../errors.ts';
import { CAPABILITY_LIST, PARAMETERS, TAGS, TEMPLATE_FIELDS, tagMap } from '../fields.ts';
import { STACK_NAME, stackResourceArn } from '../find-stack.ts';
import { liveStack, UPDATABLE } from '../live-stack.ts';
import { overridesFrom, shownParameters } from '../parameters.ts';
import type { CloudFormationService } from '../service.ts';
import { templateText } from '../template-source.ts';
import { readTemplateText } from '../template-summary.ts';

export const createChangeSet = (api: CloudFormationService) =>
  defineOperation({
    input: {
      StackName: { ...STACK_NAME, required: true, maxLength: 128 },
      ChangeSetName: {
        type: 'string',
        required: true,
        minLength: 1,
        maxLength: 128,
        pattern: /^[a-zA-Z][-a-zA-Z0-9]*$/,
      },
      ChangeSetType: { type: 'string', enum: ['CREATE', 'UPDATE', 'IMPORT'] },
      ...TEMPLATE_FIELDS,
      UsePreviousTemplate: { type: 'boolean' },
      Parameters: PARAMETERS,
      Capabilities: CAPABILITY_LIST,
      Tags: TAGS,
      Description: { type: 'string', maxLength: 1024 },
      ClientToken: { type: 'string' },
      RoleARN: { type: 'string' },
      NotificationARNs: { type: 'list', member: { type: 'string' } },
      IncludeNestedStacks: { type: 'boolean' },
      OnStackFailure: { type: 'string', enum: ['DO_NOTHING', 'ROLLBACK', 'DELETE'] },
      ImportExistingResources: { type: 'boolean' },
    },
    resource: (input, ctx) => stackResourceArn(input.StackName, ctx.region, ctx.accountId),
    handle: async (input, ctx) => {
      // Validated against the enum above; the schema types it as a plain string.
      const type = (input.ChangeSetType ?? 'UPDATE') as 'CREATE' | 'UPDATE' | 'IMPORT';
      if (type === 'IMPORT')
        throw cloudformationErrors.validation('IMPORT change sets are not supported by the local cloud');
      validateStackName(input.StackName);
      const stack = await liveStack(api, input.StackName);
      const reviewing = stack?.status === 'REVIEW_IN_PROGRESS';
      if (type === 'CREATE' && stack && !reviewing)
        throw cloudformationErrors.alreadyExists(`Stack [${input.StackName}]`);
      if (type === 'UPDATE' && (!stack || reviewing))
        throw cloudformationErrors.validation(`Stack [${input.StackName}] does not exist`);
      if (type === 'UPDATE' && stack && (api.control.isBusy(stack.stackName) || !UPDATABLE.has(stack.status)))
        throw cloudformationErrors.notUpdatable(stack.stackId, stack.status);
      const stackName = stack?.stackName ?? input.StackName;
      if (
        api.records
          .changeSets()
          .some((c) => c.stackName === stackName && c.changeSetName === input.ChangeSetName)
      )
        throw cloudformationErrors.alreadyExists(`ChangeSet [${input.ChangeSetName}]`);
      const previous =
        type === 'UPDATE' && stack ? () => Promise.resolve(api.reader.template(stack.stackId)) : undefined;
      const body = await templateText(input, api.control, previous);
      const capabilities = input.Capabilities ?? [];
      const template = readTemplateText(body);
      checkCapabilities(template, capabilities);
      const description = template.description;
      const overrides = overridesFrom(
        input.Parameters,
        type === 'UPDATE' && stack ? api.control.previousParameters(stack.stackId) : undefined,
      );
      const stackId = stack?.stackId ?? api.control.newStackId(stackName);
      const preview = api.control.preview({ stackName, templateBody: body, parameters: overrides, stackId });
      const now = api.now();
      const changeSetId = `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:changeSet/${input.ChangeSetName}/${randomUUID()}`;
      const baseEventId = stack && !reviewing ? await api.lastEventId(stack.stackId) : undefined;
      if (!stack) {
        api.records.addReview({
          stackId,
          stackName,
          creationTime: now,
          ...(description === undefined ? {} : { description }),
        });
      }
      api.records.addChangeSet({
        changeSetId,
        changeSetName: input.ChangeSetName,
        stackId,
        stackName,
        type,
        status: preview.hasChanges ? 'CREATE_COMPLETE' : 'FAILED',
        ...(preview.hasChanges ? {} : { statusReason: NO_CHANGES_REASON }),
        executionStatus: preview.hasChanges ? 'AVAILABLE' : 'UNAVAILABLE',
        creationTime: now,
        ...(input.Description === undefined ? {} : { description: input.Description }),
        templateBody: body,
        overrides,
        parameters: shownParameters(preview.parameters, preview.noEcho),
        capabilities,
        tags: tagMap(input.Tags),
        changes: preview.changes,
        ...(baseEventId === undefined ? {} : { baseEventId }),
      });
      return { Id: changeSetId, StackId: stackId };
    },
  });
