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
    const fix = whatToDo(stackDescription.status);
    super(
      `stack ${stackDescription.stackName} is ${stackDescription.status}: failed${place}: ${reason}${fix ? `. ${fix}` : ''}`,
    );
    this.name = 'DeployError';
  }
}

/**
 * What the user can do about a stack left in a failed state, naming the command that fixes it
 * (CloudFormation's own rules: a ROLLBACK_COMPLETE stack can only be deleted; an
 * UPDATE_ROLLBACK_FAILED one cannot be updated until the rollback is finished or it is deleted).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html
 */
export function whatToDo(status: string): string | undefined {
  switch (status) {
    case 'ROLLBACK_COMPLETE':
    case 'ROLLBACK_FAILED':
    case 'CREATE_FAILED':
      return (
        'Fix the cause and run `tapstack up` again: it deletes the failed stack and creates it anew ' +
        '(resources kept by DeletionPolicy Retain are adopted, not duplicated); `tapstack destroy` deletes it'
      );
    case 'UPDATE_ROLLBACK_FAILED':
      return (
        'The stack cannot be updated in this state. Run `tapstack up --replace-failed` to delete it and ' +
        'create it again (retained resources such as the table are kept and adopted), or `tapstack destroy` to delete it'
      );
    case 'UPDATE_ROLLBACK_COMPLETE':
      return 'The stack is back as it was before the update; fix the cause and run `tapstack up` again';
    case 'DELETE_FAILED':
      return 'Fix the cause and delete it again with `tapstack destroy`, or run `tapstack up --replace-failed`';
    default:
      return undefined;
  }
}

/** The property a failure is about, read from a path like `Resources.Q.Properties.DelaySeconds.0`. */
export function propertyFromPath(path: string | undefined): string | undefined {
  const match = path === undefined ? null : /^Resources\.[A-Za-z0-9]+\.Properties\.([^.]+)/.exec(path);
  return match?.[1];
}
