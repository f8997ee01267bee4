import { resolveProperties } from '../intrinsics/resolve.ts';
import { PropertyError } from '../providers/provider.ts';
import type { DeletionPolicy, ResourceDefinition } from '../template/types.ts';
import { propertyFromPath } from './deploy-error.ts';
import type { StackOperation } from './operation.ts';
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
  const note =
    mode === 'replace'
      ? 'Requested update requires the creation of a new physical resource; hence creating one.'
      : undefined;
  op.resourceEvent(logicalId, type, '', started, note);
  try {
    const resolved = props ?? resolveResource(op, prepared, logicalId);
    // Providers get their own copy: the resolved properties are also the stack's record.
    const result = await op
      .provider(type)
      .create(op.providerContext(logicalId, type), structuredClone(resolved));
    const record: ResourceRecord = {
      logicalId,
      type,
      physicalId: result.physicalId,
      properties: resolved,
      attributes: { ...result.attributes },
      status: done,
      lastUpdated: op.now(),
    };
    op.setResource(record);
    op.resourceEvent(logicalId, type, record.physicalId, done);
    return record;
  } catch (error) {
    const { reason, property } = explain(error);
    op.resourceEvent(logicalId, type, '', failed, reason);
    throw new ResourceFailure(logicalId, property, reason);
  }
}

/** Updates one resource in place (also used to roll an update back). */
export async function updateResource(
  op: StackOperation,
  current: ResourceRecord,
  props: Record<string, unknown>,
): Promise<ResourceRecord> {
  const { logicalId, type, physicalId } = current;
  op.resourceEvent(logicalId, type, physicalId, 'UPDATE_IN_PROGRESS');
  try {
    const provider = op.provider(type);
    if (!provider.update) throw new Error(`${type} cannot be updated in place`);
    const result = await provider.update(
      op.providerContext(logicalId, type),
      physicalId,
      props,
      current.properties,
    );
    const record: ResourceRecord = {
      ...current,
      physicalId: result.physicalId,
      properties: props,
      attributes: { ...result.attributes },
      status: 'UPDATE_COMPLETE',
      lastUpdated: op.now(),
    };
    op.setResource(record);
    op.resourceEvent(logicalId, type, record.physicalId, 'UPDATE_COMPLETE');
    return record;
  } catch (error) {
    const { reason, property } = explain(error);
    op.resourceEvent(logicalId, type, physicalId, 'UPDATE_FAILED', reason);
    throw new ResourceFailure(logicalId, property, reason);
  }
}

/**
 * Deletes one resource unless its policy retains it (DELETE_SKIPPED). Returns false, after a
 * DELETE_FAILED event, when the provider failed; the caller decides what that means for the stack.
 */
export async function deleteResource(
  op: StackOperation,
  record: ResourceRecord,
  policy: DeletionPolicy,
  onCreateRollback = false,
): Promise<boolean> {
  const { logicalId, type, physicalId } = record;
  const retained = policy === 'Retain' || (policy === 'RetainExceptOnCreate' && !onCreateRollback);
  const forget = () => {
    if (op.stack.resources[logicalId]?.physicalId === physicalId) op.removeResource(logicalId);
  };
  if (retained) {
    forget();
    op.resourceEvent(
      logicalId,
      type,
      physicalId,
      'DELETE_SKIPPED',
      `Resource retained by its ${policy} policy`,
    );
    return true;
  }
  op.resourceEvent(logicalId, type, physicalId, 'DELETE_IN_PROGRESS');
  try {
    await op
      .provider(type)
      .delete(op.providerContext(logicalId, type), physicalId, structuredClone(record.properties));
    forget();
    op.resourceEvent(logicalId, type, physicalId, 'DELETE_COMPLETE');
    return true;
  } catch (error) {
    const { reason } = explain(error);
    if (op.stack.resources[logicalId]?.physicalId === physicalId) {
      op.setResource({ ...record, status: 'DELETE_FAILED', reason, lastUpdated: op.now() });
    }
    op.resourceEvent(logicalId, type, physicalId, 'DELETE_FAILED', reason);
    return false;
  }
}
