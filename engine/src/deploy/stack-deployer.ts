/**
 * The deploy engine: creates, updates and deletes stacks from templates, one resource at a time
 * through the resource providers, journaling every step so a stopped engine finishes the operation.
 *
 * LIMITATIONS (what the deploy engine does not emulate):
 * - No Transform (SAM, LanguageExtensions), no Rules evaluation, no nested stacks, no stack
 *   policies, no drift detection (change sets live in the CloudFormation API, services/cloudformation).
 * - CreationPolicy, UpdatePolicy and DeletionPolicy Snapshot are accepted and ignored (Snapshot
 *   deletes like Delete); SSM parameter types are not looked up (their value is the parameter's own text).
 * - Resources are provisioned one at a time in dependency order (CloudFormation works in parallel);
 *   events therefore come in a deterministic order.
 * - A stack in ROLLBACK_COMPLETE (or left failed) is deleted and created afresh by the next deploy,
 *   as `cdk deploy` does, instead of refusing the update as UpdateStack would.
 * - A deleted stack is forgotten at once (AWS keeps DELETE_COMPLETE stacks visible by id for 90 days).
 * - Fn::GetAZs returns `<region>a`, `b`, `c`; AWS::NotificationARNs is always empty.
 */

import { dirname, join } from 'node:path';
import type { ProviderRegistry } from '../providers/registry.ts';
import { type AccountContext, DEFAULT_ACCOUNT } from '../runtime/account.ts';
import { AwsError } from '../runtime/aws-error.ts';
import { type Clock, RealClock } from '../runtime/clock.ts';
import type { JsonObject } from '../template/types.ts';
import { createStack } from './create-stack.ts';
import { deleteStackResources } from './delete-stack.ts';
import { DeployError } from './deploy-error.ts';
import { DeployJournal, type StackOperationKind } from './deploy-journal.ts';
import { failedStackError, REPLACEABLE } from './failed-stack.ts';
import { hasChanges, refreshOutputUrls } from './no-changes.ts';
import { type DeployRuntime, StackOperation } from './operation.ts';
import { OperationJournal } from './operation-journal.ts';
import { keepOutput, type OutputRewriter } from './output-rewriter.ts';
import { prepareStack } from './prepare.ts';
import { previewDeploy, type StackPreview } from './preview.ts';
import { RetainedResources } from './retained-resources.ts';
import { makeStackId, validateStackName } from './stack-name.ts';
import { StackStore } from './stack-store.ts';
import type {
  DeployInput,
  DeployResult,
  StackDescription,
  StackEvent,
  StackRecord,
  StackResourceSummary,
  StackStatus,
} from './types.ts';
import { updateStack } from './update-stack.ts';
import { describeStack, listEvents, listResources } from './views.ts';

export interface StackDeployerOptions {
  /** The JSON state file holding every stack (e.g. `<data dir>/cloudformation/stacks.json`). */
  readonly statePath: string;
  readonly registry: ProviderRegistry;
  readonly account?: AccountContext;
  /** Event timestamps; the engine's clock. */
  readonly clock?: Clock;
  /**
   * Every stack event of every operation, as it happens (the CLI prints progress from it).
   * Listeners observe only: an exception thrown by one is ignored so it cannot strand a stack.
   */
  readonly onEvent?: (event: StackEvent) => void;
  /** Applied to every output value before it is stored and exported (see output-rewriter.ts). */
  readonly rewriteOutput?: OutputRewriter;
  /** Events kept per stack for DescribeStackEvents; older ones are dropped. Default 1000. */
  readonly maxEventsPerStack?: number;
  /** The deploy journal (JSON lines); default `journal.jsonl` beside the state file. */
  readonly journalPath?: string;
}

/** What resuming one interrupted operation came to. */
export interface ResumeOutcome {
  readonly stackName: string;
  readonly operation: StackOperationKind;
  /** The stack's status afterwards (`DELETE_COMPLETE` when a delete finished and the stack is gone). */
  readonly status: StackStatus;
  readonly error?: Error;
}

/** Stacks that hold nothing useful and are replaced by the next deploy, as `cdk deploy` does. */
const RECREATE: ReadonlySet<StackStatus> = new Set([
  'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED',
  'CREATE_FAILED',
  'DELETE_FAILED',
]);

const RESUMING: Record<StackOperationKind, StackStatus> = {
  create: 'CREATE_IN_PROGRESS',
  update: 'UPDATE_IN_PROGRESS',
  delete: 'DELETE_IN_PROGRESS',
};

/**
 * The local CloudFormation: deploys templates as stacks onto the engine's services through the
 * registered providers, and answers the read side of the API. One instance per engine.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacks.html
 */
export class StackDeployer {
  private readonly runtime: DeployRuntime;
  private readonly busy = new Set<string>();
  private readonly journal: DeployJournal;
  private openOperations = 0;

  constructor(private readonly options: StackDeployerOptions) {
    const dir = dirname(options.statePath);
    this.journal = new DeployJournal(options.journalPath ?? join(dir, 'journal.jsonl'));
    this.runtime = {
      retained: new RetainedResources(join(dir, 'retained.json')),
      registry: options.registry,
      account: options.account ?? DEFAULT_ACCOUNT,
      clock: options.clock ?? new RealClock(),
      store: new StackStore(options.statePath, options.maxEventsPerStack ?? 1000),
      rewriteOutput: options.rewriteOutput ?? keepOutput,
      cancelRequests: new Set(),
    };
  }

  /**
   * Creates the stack, or updates it by diff when it exists (`NO_CHANGES` when nothing differs).
   * Throws `TemplateError`/`AwsError` (ValidationError) before touching anything when the
   * template, parameters or stack name are wrong or a type/property/attribute is unsupported, and
   * `DeployError` after rolling back when a resource fails.
   */
  async deploy(input: DeployInput): Promise<DeployResult> {
    validateStackName(input.stackName);
    return this.exclusive(input.stackName, async () => {
      const listener = this.listener(input.onEvent);
      let existing = this.runtime.store.get(input.stackName);
      const blocked = existing && failedStackError(existing, input.replaceFailed === true);
      if (blocked) throw blocked;
      if (
        existing &&
        (RECREATE.has(existing.status) || (input.replaceFailed === true && REPLACEABLE.has(existing.status)))
      ) {
        await this.removeStack(existing, listener);
        existing = undefined;
      }
      return existing ? this.update(existing, input, listener) : this.create(input, listener);
    });
  }

  /**
   * Deletes a stack and its resources (Retain ones stay). Refused while another stack imports one
   * of its exports. Throws `DeployError` (stack left DELETE_FAILED) when a resource cannot be deleted.
   */
  async deleteStack(
    stackNameOrId: string,
    options: { onEvent?: (event: StackEvent) => void } = {},
  ): Promise<void> {
    const stack = this.find(stackNameOrId);
    await this.exclusive(stack.stackName, () => this.removeStack(stack, this.listener(options.onEvent)));
  }

  /**
   * What `deploy(input)` would do, without doing it: the same validation errors, and the change set
   * against the stack as deployed (CreateChangeSet, `tapstack diff`). A stack that a deploy would
   * recreate (ROLLBACK_COMPLETE, ...) previews as a new one.
   */
  preview(input: DeployInput): StackPreview {
    validateStackName(input.stackName);
    const existing = this.runtime.store.get(input.stackName);
    return previewDeploy(
      this.runtime,
      existing && !RECREATE.has(existing.status) ? existing : undefined,
      input,
    );
  }

  /** The parameter values a stack was last deployed with, NoEcho ones included (UsePreviousValue). */
  previousParameters(stackNameOrId: string): Readonly<Record<string, string>> {
    return { ...this.find(stackNameOrId).parameters.raw };
  }

  /**
   * Asks the running update of a stack to stop before its next resource; it then rolls back
   * (UPDATE_ROLLBACK_COMPLETE). Refused unless the stack is UPDATE_IN_PROGRESS.
   */
  cancelUpdate(stackNameOrId: string): void {
    const stack = this.find(stackNameOrId);
    if (!this.busy.has(stack.stackName) || stack.status !== 'UPDATE_IN_PROGRESS') {
      throw new AwsError('ValidationError', 'CancelUpdateStack cannot be called from current stack status');
    }
    this.runtime.cancelRequests?.add(stack.stackName);
  }

  /** Whether a deploy or delete of the stack is running now. */
  isBusy(stackName: string): boolean {
    return this.busy.has(stackName);
  }

  /** All stacks, or the one named (by name or stack id); an unknown one is a ValidationError, as in AWS. */
  describeStacks(stackNameOrId?: string): StackDescription[] {
    const stacks = stackNameOrId === undefined ? this.runtime.store.all() : [this.find(stackNameOrId)];
    return stacks.map(describeStack);
  }

  listStackResources(stackNameOrId: string): StackResourceSummary[] {
    return listResources(this.find(stackNameOrId));
  }

  /** Newest first, at most `maxEventsPerStack`. */
  describeStackEvents(stackNameOrId: string): StackEvent[] {
    return listEvents(this.find(stackNameOrId));
  }

  /** The template document last deployed (GetTemplate). */
  getTemplate(stackNameOrId: string): JsonObject {
    return this.find(stackNameOrId).template;
  }

  /** Every export of every stack (ListExports). */
  listExports(): { readonly name: string; readonly value: string; readonly exportingStackId: string }[] {
    return this.runtime.store
      .all()
      .flatMap((stack) =>
        stack.outputs.flatMap((o) =>
          o.exportName === undefined
            ? []
            : [{ name: o.exportName, value: o.outputValue, exportingStackId: stack.stackId }],
        ),
      );
  }

  /** The resolved properties a resource was last created or updated with (start-up checks read them). */
  resourceProperties(stackName: string, logicalId: string): Readonly<Record<string, unknown>> {
    return this.find(stackName).resources[logicalId]?.properties ?? {};
  }

  /**
   * Re-creates resources whose stored state was lost (`tapstack repair`): forgets them, then
   * redeploys the stack's recorded template and parameters, so they are created again and their
   * dependents re-pointed; every other resource is left as it is.
   */
  async rebuildResources(
    stackName: string,
    logicalIds: readonly string[],
    onEvent?: (event: StackEvent) => void,
  ): Promise<DeployResult> {
    return this.exclusive(stackName, async () => {
      const stack = this.find(stackName);
      for (const logicalId of logicalIds) delete stack.resources[logicalId];
      this.runtime.store.put(stack);
      const input = {
        stackName,
        template: JSON.stringify(stack.template),
        parameterOverrides: stack.parameters.raw,
      };
      return this.update(stack, input, this.listener(onEvent));
    });
  }

  /** Applies a resource's recorded properties again in place (settings lost beside kept data). */
  async reapplyResource(stackName: string, logicalId: string): Promise<void> {
    const stack = this.find(stackName);
    const record = stack.resources[logicalId];
    const provider = record && this.runtime.registry.get(record.type);
    if (!record || !provider?.update) throw new Error(`${logicalId} cannot be updated in place`);
    const ctx = {
      logicalId,
      resourceType: record.type,
      stackName: stack.stackName,
      stackId: stack.stackId,
      account: this.runtime.account,
    };
    await provider.update(ctx, record.physicalId, record.properties, record.properties);
  }

  private async create(input: DeployInput, listener: (event: StackEvent) => void): Promise<DeployResult> {
    const { account, registry, clock, store } = this.runtime;
    const stackId = input.stackId ?? makeStackId(account, input.stackName);
    const prepared = prepareStack({
      template: input.template,
      overrides: input.parameterOverrides ?? {},
      account,
      stackName: input.stackName,
      stackId,
      registry,
    });
    const stack: StackRecord = {
      stackId,
      stackName: input.stackName,
      status: 'CREATE_IN_PROGRESS',
      creationTime: new Date(clock.now()).toISOString(),
      template: prepared.template.document,
      parameters: prepared.parameters,
      conditions: prepared.conditions,
      resources: {},
      pendingCleanup: [],
      outputs: [],
      imports: [],
      events: [],
    };
    const journal = OperationJournal.start(this.journal, {
      stackName: stack.stackName,
      stackId,
      operation: 'create',
      creationTime: stack.creationTime,
      template: prepared.template.document,
      overrides: input.parameterOverrides ?? {},
    });
    store.put(stack);
    const op = new StackOperation(this.runtime, stack, listener);
    const changes = await this.journaled(op, journal, () => createStack(op, prepared));
    return { stack: describeStack(stack), action: 'CREATE', changes };
  }

  private async update(
    stack: StackRecord,
    input: DeployInput,
    listener: (event: StackEvent) => void,
  ): Promise<DeployResult> {
    const { account, registry } = this.runtime;
    const prepared = prepareStack({
      template: input.template,
      overrides: input.parameterOverrides ?? {},
      account,
      stackName: stack.stackName,
      stackId: stack.stackId,
      registry,
    });
    const op = new StackOperation(this.runtime, stack, listener);
    if (!hasChanges(op, prepared)) {
      refreshOutputUrls(op);
      return { stack: describeStack(stack), action: 'NO_CHANGES', changes: [] };
    }
    const journal = OperationJournal.start(this.journal, {
      ...this.beginOf(stack, 'update'),
      template: prepared.template.document,
      overrides: input.parameterOverrides ?? {},
    });
    const changes = await this.journaled(op, journal, () => updateStack(op, prepared));
    return { stack: describeStack(stack), action: 'UPDATE', changes };
  }

  private async removeStack(stack: StackRecord, listener: (event: StackEvent) => void): Promise<void> {
    const { store } = this.runtime;
    for (const output of stack.outputs) {
      const users =
        output.exportName === undefined ? [] : store.importers(output.exportName, stack.stackName);
      if (users.length > 0) {
        throw new AwsError(
          'ValidationError',
          `Export ${output.exportName} cannot be deleted as it is in use by ${users.join(', ')}`,
        );
      }
    }
    const op = new StackOperation(this.runtime, stack, listener);
    const journal = OperationJournal.start(this.journal, this.beginOf(stack, 'delete'));
    await this.journaled(op, journal, () => this.deleteResources(op));
  }

  private async deleteResources(op: StackOperation): Promise<void> {
    const stack = op.stack;
    if (await deleteStackResources(op)) {
      this.runtime.store.remove(stack.stackName);
      return;
    }
    throw new DeployError(describeStack(stack), undefined, undefined, stack.statusReason ?? 'delete failed');
  }

  /** Stacks whose last operation a stopped engine left under way (resumeInterrupted finishes them). */
  interruptedStacks(): ReadonlySet<string> {
    return new Set(this.journal.openOperations().map((open) => open.begin.stackName));
  }

  /**
   * Finishes every operation the deploy journal shows was under way when the engine stopped, each
   * as an uninterrupted run would have: steps already done are replayed from the journal, the step
   * under way is finished (adopting what it made), the rest run, rollbacks included. Reports each
   * resume as a stack event (and every step after it), so the user sees what was resumed.
   */
  async resumeInterrupted(onEvent?: (event: StackEvent) => void): Promise<ResumeOutcome[]> {
    const outcomes: ResumeOutcome[] = [];
    for (const open of this.journal.openOperations()) {
      const { begin } = open;
      const result = await this.exclusive(begin.stackName, async () => {
        const { store, account, registry } = this.runtime;
        const events = store.get(begin.stackName)?.events ?? [];
        const prepare = () =>
          prepareStack({
            template: JSON.stringify(begin.template ?? {}),
            overrides: begin.overrides ?? {},
            account,
            stackName: begin.stackName,
            stackId: begin.stackId,
            registry,
          });
        const prepared = begin.operation === 'delete' ? undefined : prepare();
        const stack: StackRecord =
          begin.before !== undefined
            ? { ...structuredClone(begin.before), events }
            : {
                stackId: begin.stackId,
                stackName: begin.stackName,
                status: 'CREATE_IN_PROGRESS',
                creationTime: begin.creationTime,
                template: prepared?.template.document ?? {},
                parameters: prepared?.parameters ?? { values: {}, raw: {}, noEcho: [] },
                conditions: prepared?.conditions ?? {},
                resources: {},
                pendingCleanup: [],
                outputs: [],
                imports: [],
                events,
              };
        store.put(stack);
        const op = new StackOperation(this.runtime, stack, this.listener(onEvent));
        const journal = OperationJournal.resume(this.journal, open);
        op.journal = journal;
        op.announce(
          RESUMING[begin.operation],
          `Resuming the ${begin.operation} of stack ${begin.stackName} from the deploy journal ` +
            `(${journal.stepsDone} resource step(s) were done when the engine stopped)`,
        );
        try {
          if (begin.operation === 'delete') await this.journaled(op, journal, () => this.deleteResources(op));
          else if (begin.operation === 'create' && prepared)
            await this.journaled(op, journal, () => createStack(op, prepared));
          else if (prepared) await this.journaled(op, journal, () => updateStack(op, prepared));
          return { status: store.get(begin.stackName) ? stack.status : ('DELETE_COMPLETE' as const) };
        } catch (error) {
          return { status: stack.status, error: error as Error };
        }
      });
      outcomes.push({ stackName: begin.stackName, operation: begin.operation, ...result });
    }
    if (this.openOperations === 0) this.journal.clear();
    return outcomes;
  }

  /** Runs one operation under its journal and closes it there, however it ends (a kill leaves it open). */
  private async journaled<T>(
    op: StackOperation,
    journal: OperationJournal,
    run: () => Promise<T>,
  ): Promise<T> {
    op.journal = journal;
    this.openOperations += 1;
    try {
      return await run();
    } finally {
      journal.end(op.stack.status);
      this.openOperations -= 1;
      if (this.openOperations === 0) this.journal.clear();
    }
  }

  private beginOf(stack: StackRecord, operation: StackOperationKind) {
    const { events: _events, ...before } = structuredClone(stack);
    return {
      stackName: stack.stackName,
      stackId: stack.stackId,
      operation,
      creationTime: stack.creationTime,
      before,
    };
  }

  private find(stackNameOrId: string): StackRecord {
    const { store } = this.runtime;
    const stack = store.get(stackNameOrId) ?? store.all().find((s) => s.stackId === stackNameOrId);
    if (!stack) throw new AwsError('ValidationError', `Stack with id ${stackNameOrId} does not exist`);
    return stack;
  }

  private listener(extra?: (event: StackEvent) => void): (event: StackEvent) => void {
    const global = this.options.onEvent;
    return (event) => {
      global?.(event);
      extra?.(event);
    };
  }

  /** One operation per stack at a time, as CloudFormation refuses an update while one is in progress. */
  private async exclusive<T>(stackName: string, run: () => Promise<T>): Promise<T> {
    if (this.busy.has(stackName)) {
      const status = this.runtime.store.get(stackName)?.status ?? 'CREATE_IN_PROGRESS';
      throw new AwsError(
        'ValidationError',
        `Stack:${stackName} is in ${status} state and can not be updated.`,
      );
    }
    this.busy.add(stackName);
    try {
      return await run();
    } finally {
      this.busy.delete(stackName);
      this.runtime.cancelRequests?.delete(stackName);
    }
  }
}
