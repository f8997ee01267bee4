import type { StackDescription } from './types.ts';

/**
 * A stack operation that failed after it started (a resource could not be created, updated or
 * deleted). The stack has been rolled back as far as possible by the time this is thrown:
 * `stackDescription.status` says how far (ROLLBACK_COMPLETE, UPDATE_ROLLBACK_COMPLETE, DELETE_FAILED, ...).
 * Problems found before anything starts (template, parameters, unsupported types) are
 * `TemplateError`s instead, and leave no stack behind, as CloudFormation's ValidationError does.
 */
export class DeployError extends Error {
  constructor(
    readonly stackDescription: StackDescription,
    /** The resource that failed first, when one did. */
    readonly logicalId: string | undefined,
    /** The property named by the failure, when known. */
    readonly property: string | undefined,
    readonly reason: string,
  ) {
    const where =
      logicalId === undefined ? '' : ` at Resources.${logicalId}${property ? `.Properties.${property}` : ''}`;
    // Reasons from PropertyError and template errors already start with the path; don't say it twice.
    const place =
      reason.startsWith('Resources.') || reason.includes(`Template error: Resources.${logicalId}`)
        ? ''
        : where;
    super(`stack ${stackDescription.stackName} is ${stackDescription.status}: failed${place}: ${reason}`);
    this.name = 'DeployError';
  }
}

/** The property a failure is about, read from a path like `Resources.Q.Properties.DelaySeconds.0`. */
export function propertyFromPath(path: string | undefined): string | undefined {
  const match = path === undefined ? null : /^Resources\.[A-Za-z0-9]+\.Properties\.([^.]+)/.exec(path);
  return match?.[1];
}
