import { resolveProperties } from '../intrinsics/resolve.ts';
import { PropertyError } from '../providers/provider.ts';
import type { DeletionPolicy, ResourceDefinition } from '../template/types.ts';
import { propertyFromPath } from './deploy-error.ts';
import { createOrAdopt, finishCreate, RESUMED } from './finish-step.ts';
import type { StackOperation } from './operation.ts';
import { OperationJournal } from './operation-journal.ts';
import { checkProperties, type PreparedStack } from './prepare.ts';
import type { ResourceRecord } from './types.ts';

/** A resource step that failed; its event (CREATE_FAILED, UPDATE_FAILED) has been recorded. */
export class ResourceFailure extends Error {
  constructor(
    readonly logicalId: string | undefined,
    readonly property: string | undefined,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'ResourceFailure';
  }
}

/** Why a step failed, and the property it names when it names one. */
export function explain(error: unknown): { reason: string; property: string | undefined } {
  if (error instanceof PropertyError) return { reason: error.message, property: error.property };
  const path =
    typeof error === 'object' && error !== null && 'path' in error ? String(error.path) : undefined;
  return { reason: describeError(error), property: propertyFromPath(path) };
}

/**
 * A reason a reader can act on: the service's error code with its message (`ResourceInUseException:
 * Table already exists: t`), never an empty string.
 */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error) || 'unknown error';
  const code = 'code' in error && typeof error.code === 'string' ? error.code : error.name;
  const message = error.message.trim();
  if (!message) return code || 'unknown error';
  if (!code || code === 'Error' || code === 'ValidationError' || message.includes(code)) return message;
  return `${code}: ${message}`;
}

export function definitionOf(prepared: PreparedStack, logicalId: string): ResourceDefinition {
  const definition = prepared.template.resources.find((r) => r.logicalId === logicalId);
  if (!definition) throw new Error(`Resources.${logicalId} is not in the template`);
  return definition;
}

/** Resolves a resource's properties against the resources as they stand in the operation. */
export function resolveResource(
  op: StackOperation,
  prepared: PreparedStack,
  logicalId: string,
): Record<string, unknown> {
  const definition = definitionOf(prepared, logicalId);
  const props = resolveProperties(
    definition.properties,
    op.resolutionContext(prepared),
    `Resources.${logicalId}.Properties`,
  );
  checkProperties(
    logicalId,
    definition.type,
    Object.keys(props),
    op.provider(definition.type).supportedProperties,
  );
  return props;
}

/**
 * Creates one resource (or its replacement, reported as UPDATE_* events as CloudFormation does)
 * and records it. On failure the FAILED event is recorded and a `ResourceFailure` thrown.
 * Journaled: the intent (with the seed its generated names derive from) is durable before the
 * provider is called, the outcome right after; a step the journal says was done is replayed, and
 * one that was under way is finished (see finishCreate).
 */
export async function createResource(
  op: StackOperation,
  prepared: PreparedStack,
  logicalId: string,
  mode: 'create' | 'replace',
  props?: Record<string, unknown>,
): Promise<ResourceRecord> {
  const { type } = definitionOf(prepared, logicalId);
  const [started, done, failed] =
    mode === 'create'
      ? (['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'CREATE_FAILED'] as const)
      : (['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE', 'UPDATE_FAILED'] as const);
  const journal = op.journal;
  const step = journal?.step(mode, logicalId);
  const record = (physicalId: string, properties: Record<string, unknown>, attributes: object) => {
    const created: ResourceRecord = {
      logicalId,
      type,
      physicalId,
      properties,
      attributes: { ...attributes },
      status: done,
      lastUpdated: op.now(),
    };
    op.setResource(created);
    return created;
  };
  if (step?.state.kind === 'replayed') {
    const { outcome } = step.state;
    if (!outcome.ok) throw new ResourceFailure(logicalId, outcome.property, outcome.reason);
    return record(
      outcome.physicalId ?? '',
      props ?? resolveResource(op, prepared, logicalId),
      outcome.attributes ?? {},
    );
  }
  const interrupted = step?.state.kind === 'interrupted' ? step.state.intent : undefined;
  const seed = interrupted?.seed ?? OperationJournal.seed();
  if (step && !interrupted) journal?.intent({ step: step.index, action: mode, logicalId, type, seed });
  const note =
    mode === 'replace'
      ? 'Requested update requires the creation of a new physical resource; hence creating one.'
      : undefined;
  op.resourceEvent(logicalId, type, '', started, interrupted ? RESUMED : note);
  try {
    const resolved = props ?? resolveResource(op, prepared, logicalId);
    const provider = op.provider(type);
    const ctx = op.providerContext(logicalId, type, step ? seed : undefined);
    // Providers get their own copy: the resolved properties are also the stack's record.
    const { result, how } = interrupted
      ? await finishCreate(provider, ctx, resolved)
      : await createOrAdopt(op, provider, ctx, resolved);
    if (step) journal?.succeeded(step.index, result.physicalId, result.attributes);
    const created = record(result.physicalId, resolved, result.attributes);
    op.resourceEvent(logicalId, type, created.physicalId, done, how);
    return created;
  } catch (error) {
    const { reason, property } = explain(error);
    if (step) journal?.failed(step.index, reason, property);
    op.resourceEvent(logicalId, type, '', failed, reason);
    throw new ResourceFailure(logicalId, property, reason);
  }
}

/** Updates one resource in place (also used to roll an update back). Journaled like createResource. */
export async function updateResource(
  op: StackOperation,
  current: ResourceRecord,
  props: Record<string, unknown>,
): Promise<ResourceRecord> {
  const { logicalId, type, physicalId } = current;
  const journal = op.journal;
  const step = journal?.step('update', logicalId);
  const record = (newId: string, attributes: object) => {
    const updated: ResourceRecord = {
      ...current,
      physicalId: newId,
      properties: props,
      attributes: { ...attributes },
      status: 'UPDATE_COMPLETE',
      lastUpdated: op.now(),
    };
    op.setResource(updated);
    return updated;
  };
  if (step?.state.kind === 'replayed') {
    const { outcome } = step.state;
    if (!outcome.ok) throw new ResourceFailure(logicalId, outcome.property, outcome.reason);
    return record(outcome.physicalId ?? physicalId, outcome.attributes ?? {});
  }
  const interrupted = step?.state.kind === 'interrupted';
  if (step && !interrupted)
    journal?.intent({ step: step.index, action: 'update', logicalId, type, physicalId });
  op.resourceEvent(logicalId, type, physicalId, 'UPDATE_IN_PROGRESS', interrupted ? RESUMED : undefined);
  try {
    const provider = op.provider(type);
    if (!provider.update) throw new Error(`${type} cannot be updated in place`);
    // An update sets the resource to `props`; repeating one that was under way is safe.
    const result = await provider.update(
      op.providerContext(logicalId, type),
      physicalId,
      props,
      current.properties,
    );
    if (step) journal?.succeeded(step.index, result.physicalId, result.attributes);
    const updated = record(result.physicalId, result.attributes);
    op.resourceEvent(logicalId, type, updated.physicalId, 'UPDATE_COMPLETE');
    return updated;
  } catch (error) {
    const { reason, property } = explain(error);
    if (step) journal?.failed(step.index, reason, property);
    op.resourceEvent(logicalId, type, physicalId, 'UPDATE_FAILED', reason);
    throw new ResourceFailure(logicalId, property, reason);
  }
}

/**
 * Deletes one resource unless its policy retains it (DELETE_SKIPPED). Returns false, after a
 * DELETE_FAILED event, when the provider failed; the caller decides what that means for the stack.
 * Journaled like createResource; a delete that was under way is run again (deleting something
 * already gone succeeds, by the provider contract).
 */
export async function deleteResource(
  op: StackOperation,
  record: ResourceRecord,
  policy: DeletionPolicy,
  onCreateRollback = false,
): Promise<boolean> {
  const { logicalId, type, physicalId } = record;
  const retained = policy === 'Retain' || (policy === 'RetainExceptOnCreate' && !onCreateRollback);
  const journal = op.journal;
  const step = journal?.step('delete', logicalId);
  const forget = () => {
    if (op.stack.resources[logicalId]?.physicalId === physicalId) op.removeResource(logicalId);
  };
  const markFailed = (reason: string) => {
    if (op.stack.resources[logicalId]?.physicalId === physicalId) {
      op.setResource({ ...record, status: 'DELETE_FAILED', reason, lastUpdated: op.now() });
    }
  };
  if (step?.state.kind === 'replayed') {
    const { outcome } = step.state;
    if (outcome.ok) forget();
    else markFailed(outcome.reason);
    return outcome.ok;
  }
  const interrupted = step?.state.kind === 'interrupted';
  if (step && !interrupted)
    journal?.intent({ step: step.index, action: 'delete', logicalId, type, physicalId });
  if (retained) {
    op.runtime.retained?.remember({ type, physicalId, stackName: op.stack.stackName, logicalId });
    forget();
    if (step) journal?.succeeded(step.index, physicalId);
    op.resourceEvent(
      logicalId,
      type,
      physicalId,
      'DELETE_SKIPPED',
      `Resource retained by its ${policy} policy`,
    );
    return true;
  }
  op.resourceEvent(logicalId, type, physicalId, 'DELETE_IN_PROGRESS', interrupted ? RESUMED : undefined);
  try {
    await op
      .provider(type)
      .delete(op.providerContext(logicalId, type), physicalId, structuredClone(record.properties));
    if (step) journal?.succeeded(step.index, physicalId);
    forget();
    op.resourceEvent(logicalId, type, physicalId, 'DELETE_COMPLETE');
    return true;
  } catch (error) {
    const { reason } = explain(error);
    if (step) journal?.failed(step.index, reason, undefined);
    markFailed(reason);
    op.resourceEvent(logicalId, type, physicalId, 'DELETE_FAILED', reason);
    return false;
  }
}
