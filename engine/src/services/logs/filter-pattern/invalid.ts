import { AwsError } from '../../../runtime/aws-error.ts';

/** The error CloudWatch Logs answers for a pattern it cannot read (InvalidParameterException, 400). */
export const invalidPattern = (pattern: string, why: string): AwsError =>
  new AwsError('InvalidParameterException', `Invalid filter pattern ${JSON.stringify(pattern)}: ${why}`);
