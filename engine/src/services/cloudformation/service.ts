/**
 * The state and rules every CloudFormation write operation shares: the API's own records, the
 * reader that merges them with the engine's stacks, and the one path by which stacks are deployed
 * and deleted (the endpoint's CreateStack/UpdateStack/ExecuteChangeSet/DeleteStack and
 * `tapstack up` alike).
 */
import { DeployError } from '../../deploy/deploy-error.ts';
import type { DeployResult, StackEvent } from '../../deploy/types.ts';
import { AwsError } from '../../runtime/aws-error.ts';
import type { DeploySpec, StackControl } from './stack-control.ts';
import type { StackEventRecord, StackReader, StackRecord } from './stack-reader.ts';
import { ApiRecords, type StackMeta } from './store.ts';

export interface CloudFormationServiceOptions {
  readonly reader: StackReader;
  readonly control: StackControl;
  /** The API's state file (change sets, tags, deleted stacks). */
  readonly statePath: string;
  readonly now: () => number;
  /**
   * How long a write call waits for its operation before answering. Local deploys take about a
   * second, so waiting lets an SDK or CLI waiter's first poll see the final status instead of
   * sleeping its 5-30 s delay; a longer operation keeps running and is polled as in AWS.
   */
  readonly settleMs?: number;
  /** An operation that failed unexpectedly (not a rolled-back deploy) after the call answered. */
  readonly onBackgroundError?: (error: unknown) => void;
}

export class CloudFormationService {
  readonly records: ApiRecords;
  readonly control: StackControl;
  readonly now: () => number;
  private readonly base: StackReader;
  private readonly settleMs: number;
  private readonly onBackgroundError: (error: unknown) => void;

  constructor(options: CloudFormationServiceOptions) {
    this.records = new ApiRecords(options.statePath);
    this.control = options.control;
    this.now = options.now;
    this.base = options.reader;
    this.settleMs = options.settleMs ?? 30_000;
    this.onBackgroundError = options.onBackgroundError ?? (() => {});
  }

  /** The engine's stacks with the API's tags, capabilities, REVIEW_IN_PROGRESS and deleted stacks. */
  readonly reader: StackReader = {
    listStacks: async () => {
      const live = (await this.base.listStacks()).map((stack): StackRecord => {
        const meta = this.records.meta(stack.stackId);
        return meta ? { ...stack, tags: meta.tags, capabilities: meta.capabilities } : stack;
      });
      const reviews = this.records.reviews().map(
        (r): StackRecord => ({
          stackId: r.stackId,
          stackName: r.stackName,
          status: 'REVIEW_IN_PROGRESS',
          statusReason: 'User Initiated',
          creationTime: r.creationTime,
          ...(r.description === undefined ? {} : { description: r.description }),
          parameters: {},
          outputs: [],
          tags: this.records.meta(r.stackId)?.tags ?? {},
        }),
      );
      const deleted = this.records.deleted().map(
        (d): StackRecord => ({
          stackId: d.stackId,
          stackName: d.stackName,
          status: 'DELETE_COMPLETE',
          creationTime: d.creationTime,
          deletionTime: d.deletionTime,
          ...(d.description === undefined ? {} : { description: d.description }),
          parameters: {},
          outputs: [],
          tags: {},
        }),
      );
      return [...live, ...reviews, ...deleted];
    },
    stackEvents: (stackId) =>
      this.isEngineStack(stackId)
        ? this.base.stackEvents(stackId)
        : (this.records.deleted().find((d) => d.stackId === stackId)?.events ?? []),
    stackResources: (stackId) => (this.isEngineStack(stackId) ? this.base.stackResources(stackId) : []),
    exports: () => this.base.exports(),
    template: (stackId) => this.records.meta(stackId)?.templateBody ?? this.base.template(stackId),
  };

  /** The stack's newest event id: a change set made before another operation is stale. */
  async lastEventId(stackId: string): Promise<string | undefined> {
    if (!this.isEngineStack(stackId)) return undefined;
    const events = await this.base.stackEvents(stackId);
    return [...events].sort((a, b) => b.timestamp - a.timestamp)[0]?.eventId ?? events.at(-1)?.eventId;
  }

  /**
   * Creates or updates a stack. Resolves once the operation has started (the stack is
   * `…_IN_PROGRESS`) with its completion; rejects when it was refused before starting.
   */
  startDeploy(spec: DeploySpec, meta: StackMeta): { stackId: string; done: Promise<DeployResult> } {
    // An update keeps the stack's id; a new stack gets the announced one or a fresh one.
    const stackId =
      this.control.stackIdOf(spec.stackName) ?? spec.stackId ?? this.control.newStackId(spec.stackName);
    const done = this.control.deploy({ ...spec, stackId });
    this.records.setMeta(stackId, meta);
    for (const cs of this.records.changeSets()) {
      if (cs.stackName === spec.stackName && cs.executionStatus === 'AVAILABLE')
        cs.executionStatus = 'OBSOLETE';
    }
    this.records.save();
    return { stackId, done };
  }

  /** Deletes a stack (its change sets and meta go with it); same contract as `startDeploy`. */
  startDelete(stack: StackRecord): Promise<unknown> {
    const events: StackEventRecord[] = [];
    const record = (e: StackEvent) =>
      events.push({
        eventId: e.eventId,
        logicalId: e.logicalId,
        physicalId: e.physicalId,
        resourceType: e.resourceType,
        status: e.status,
        timestamp: Date.parse(e.timestamp),
        ...(e.reason === undefined ? {} : { statusReason: e.reason }),
      });
    return this.control.deleteStack(stack.stackId, record).then((result) => {
      this.records.forgetStack(stack.stackId);
      this.records.addDeleted({
        stackId: stack.stackId,
        stackName: stack.stackName,
        creationTime: stack.creationTime,
        deletionTime: this.now(),
        ...(stack.description === undefined ? {} : { description: stack.description }),
        events,
      });
      return result;
    });
  }

  /**
   * Waits up to the settle time for an operation. A refusal before it started (an AwsError that is
   * not a rolled-back DeployError) is the caller's error; a failed operation is recorded on the
   * stack (ROLLBACK_COMPLETE, DELETE_FAILED, ...) and answered as success, as AWS does.
   */
  async settle(done: Promise<unknown>): Promise<void> {
    let refused: unknown;
    const outcome = done.then(
      () => undefined,
      (error: unknown) => {
        if (error instanceof DeployError) return undefined;
        if (error instanceof AwsError) refused = error;
        else this.onBackgroundError(error);
        return undefined;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.settleMs);
      timer.unref();
    });
    await Promise.race([outcome, timeout]);
    clearTimeout(timer);
    if (refused) throw refused;
  }

  private isEngineStack(stackId: string): boolean {
    return (
      !this.records.reviews().some((r) => r.stackId === stackId) &&
      !this.records.deleted().some((d) => d.stackId === stackId)
    );
  }
}
