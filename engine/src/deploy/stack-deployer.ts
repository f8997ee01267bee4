import type { ProviderRegistry } from '../providers/registry.ts';
import { type AccountContext, DEFAULT_ACCOUNT } from '../runtime/account.ts';
import { AwsError } from '../runtime/aws-error.ts';
import { type Clock, RealClock } from '../runtime/clock.ts';
import type { JsonObject } from '../template/types.ts';
import { createStack } from './create-stack.ts';
import { deleteStackResources } from './delete-stack.ts';
import { DeployError } from './deploy-error.ts';
import { hasChanges } from './no-changes.ts';
import { type DeployRuntime, StackOperation } from './operation.ts';
import { prepareStack } from './prepare.ts';
import { type PlannedChange, previewStackChanges } from './preview-changes.ts';
import { keepOutput, type OutputRewriter } from './quirks.ts';
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
  /** Applied to every output value before it is stored and exported (see quirks.ts). */
  readonly rewriteOutput?: OutputRewriter;
  /** Events kept per stack for DescribeStackEvents; older ones are dropped. Default 1000. */
  readonly maxEventsPerStack?: number;
}

/** Stacks that hold nothing useful and are replaced by the next deploy, as `cdk deploy` does. */
const RECREATE: ReadonlySet<StackStatus> = new Set([
  'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED',
  'CREATE_FAILED',
  'DELETE_FAILED',
]);

/**
 * The local CloudFormation: deploys templates as stacks onto the engine's services through the
 * registered providers, and answers the read side of the API. One instance per engine.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacks.html
 */
export class StackDeployer {
  private readonly runtime: DeployRuntime;
  private readonly busy = new Set<string>();

  constructor(private readonly options: StackDeployerOptions) {
    this.runtime = {
      registry: options.registry,
      account: options.account ?? DEFAULT_ACCOUNT,
      clock: options.clock ?? new RealClock(),
      store: new StackStore(options.statePath, options.maxEventsPerStack ?? 1000),
      rewriteOutput: options.rewriteOutput ?? keepOutput,
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
      if (existing && RECREATE.has(existing.status)) {
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
   * The changes deploying `input` onto the existing stack would make, without making them; empty
   * when the stack does not exist (a create adds everything) or nothing differs.
   */
  previewChanges(input: DeployInput): PlannedChange[] {
    const stack = this.runtime.store.get(input.stackName);
    if (!stack) return [];
    const { account, registry } = this.runtime;
    const prepared = prepareStack({
      template: input.template,
      overrides: input.parameterOverrides ?? {},
      account,
      stackName: stack.stackName,
      stackId: stack.stackId,
      registry,
    });
    return previewStackChanges(new StackOperation(this.runtime, stack, () => {}), prepared);
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

  private async create(input: DeployInput, listener: (event: StackEvent) => void): Promise<DeployResult> {
    const { account, registry, clock, store } = this.runtime;
    const stackId = makeStackId(account, input.stackName);
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
    store.put(stack);
    const changes = await createStack(new StackOperation(this.runtime, stack, listener), prepared);
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
    if (!hasChanges(op, prepared)) return { stack: describeStack(stack), action: 'NO_CHANGES', changes: [] };
    const changes = await updateStack(op, prepared);
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
    if (await deleteStackResources(op)) {
      store.remove(stack.stackName);
      return;
    }
    throw new DeployError(describeStack(stack), undefined, undefined, stack.statusReason ?? 'delete failed');
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
    }
  }
}
