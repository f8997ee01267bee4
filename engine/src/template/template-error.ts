import { AwsError } from '../runtime/aws-error.ts';

/**
 * A template, parameter or dependency problem found before (or while) resolving a stack.
 * CloudFormation reports these as `ValidationError` (HTTP 400), so this class carries that code and
 * the protocol layer can serialize it as is. `path` names the place in the template
 * (`Resources.MyQueue.Properties`), so a reader can find it without guessing.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ValidateTemplate.html
 */
export class TemplateError extends AwsError {
  constructor(
    readonly path: string,
    message: string,
    /** The logical ids involved, when the problem is between resources (cycle, dangling reference). */
    readonly logicalIds: readonly string[] = [],
  ) {
    super('ValidationError', message, 400);
  }

  /** `path: detail`, the usual shape of a structural error. */
  static at(path: string, detail: string): TemplateError {
    return new TemplateError(path, `${path}: ${detail}`);
  }
}

export const isTemplateError = (value: unknown): value is TemplateError => value instanceof TemplateError;
