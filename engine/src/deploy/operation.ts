import { randomUUID } from 'node:crypto';
import type { ResolutionContext } from '../intrinsics/context.ts';
import type { ProviderContext, ResourceProvider } from '../providers/provider.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { AccountContext } from '../runtime/account.ts';
import type { Clock } from '../runtime/clock.ts';
import type { OperationJournal } from './operation-journal.ts';
import type { OutputRewriter } from './output-rewriter.ts';
import type { PreparedStack } from './prepare.ts';
import type { RetainedResources } from './retained-resources.ts';
import type { StackStore } from './stack-store.ts';
import {
  type ResourceRecord,
  type ResourceStatus,
  STACK_RESOURCE_TYPE,
  type StackEvent,
  type StackRecord,
  type StackStatus,
} from './types.ts';

/** What every stack operation needs from its deployer. */
export interface DeployRuntime {
  readonly registry: ProviderRegistry;
  readonly account: AccountContext;
  readonly clock: Clock;
  readonly store: StackStore;
  readonly rewriteOutput: OutputRewriter;
  /** Stacks whose running update was asked to stop (CancelUpdateStack); the update rolls back. */
  readonly cancelRequests?: Set<string>;
  /** Resources stacks retained, which a re-created stack may adopt. */
  readonly retained?: RetainedResources;
}

/**
 * One running operation on one stack: it records status changes and events (persisting each, and
 * telling the listener), and builds the contexts providers and resolvers see.
 */
export class StackOperation {
  /** Export names read through Fn::ImportValue during this operation. */
  readonly imports = new Set<string>();
  /** The deploy journal of this operation; every resource step goes through it (see resource-steps.ts). */
  journal: OperationJournal | undefined;

  constructor(
    readonly runtime: DeployRuntime,
    readonly stack: StackRecord,
    private readonly listener: (event: StackEvent) => void,
  ) {}

  now(): string {
    return new Date(this.runtime.clock.now()).toISOString();
  }

  provider(type: string): ResourceProvider {
    const provider = this.runtime.registry.get(type);
    // Prepared stacks were checked against the registry; a stored stack may predate a registry change.
    if (!provider) throw new Error(`resource type ${type} is not supported by the local cloud`);
    return provider;
  }

  setStatus(status: StackStatus, reason?: string): void {
    this.stack.status = status;
    if (reason === undefined) delete this.stack.statusReason;
    else this.stack.statusReason = reason;
    this.emit(this.stack.stackName, this.stack.stackId, STACK_RESOURCE_TYPE, status, reason);
  }

  resourceEvent(
    logicalId: string,
    type: string,
    physicalId: string,
    status: ResourceStatus,
    reason?: string,
  ): void {
    this.emit(logicalId, physicalId, type, status, reason);
  }

  setResource(record: ResourceRecord): void {
    this.stack.resources[record.logicalId] = record;
  }

  removeResource(logicalId: string): void {
    delete this.stack.resources[logicalId];
  }

  providerContext(logicalId: string, resourceType: string, nameSeed?: string): ProviderContext {
    return {
      logicalId,
      resourceType,
      stackName: this.stack.stackName,
      stackId: this.stack.stackId,
      account: this.runtime.account,
      ...(nameSeed === undefined ? {} : { nameSeed }),
    };
  }

  /** A stack-level event that is emitted even while the journal replays (what a resume says it does). */
  announce(status: StackStatus, reason: string): void {
    this.emit(this.stack.stackName, this.stack.stackId, STACK_RESOURCE_TYPE, status, reason, true);
  }

  /** Resolution against the resources as they stand now in this operation. */
  resolutionContext(prepared: PreparedStack): ResolutionContext {
    const { store } = this.runtime;
    return {
      parameters: prepared.parameters.values,
      pseudo: prepared.pseudo,
      conditions: prepared.conditions,
      mappings: prepared.template.mappings,
      resourcePhysicalId: (id) => this.stack.resources[id]?.physicalId,
      resourceAttribute: (id, attribute) => {
        const attributes = this.stack.resources[id]?.attributes;
        return attributes && Object.hasOwn(attributes, attribute) ? attributes[attribute] : undefined;
      },
      importValue: (name) => {
        const found = store.findExport(name, this.stack.stackName);
        if (found) this.imports.add(name);
        return found?.value;
      },
    };
  }

  private emit(
    logicalId: string,
    physicalId: string,
    resourceType: string,
    status: ResourceStatus | StackStatus,
    reason?: string,
    always = false,
  ): void {
    // Steps replayed from the journal already have their events; the resumed run adds no copies.
    if (this.journal?.replaying && !always) return;
    const event: StackEvent = {
      eventId: randomUUID(),
      stackId: this.stack.stackId,
      stackName: this.stack.stackName,
      logicalId,
      physicalId,
      resourceType,
      status,
      ...(reason === undefined ? {} : { reason }),
      timestamp: this.now(),
    };
    this.runtime.store.addEvent(this.stack, event);
    try {
      this.listener(event);
    } catch {
      // A listener only observes (prints progress); its failure must not leave a stack half-deployed.
    }
  }
}
