import { AwsError } from '../runtime/aws-error.ts';

/**
 * An intrinsic function that cannot be resolved: wrong arguments, an unknown function, a reference
 * to something that does not exist. CloudFormation reports these as `ValidationError`
 * ("Template error: ..."); `path` names the place (`Resources.Api.Properties.Name.Fn::Sub`).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export class IntrinsicError extends AwsError {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super('ValidationError', `Template error: ${path}: ${detail}`, 400);
  }
}

export const isIntrinsicError = (value: unknown): value is IntrinsicError => value instanceof IntrinsicError;
