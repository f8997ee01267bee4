import type { AwsError } from '../../../runtime/aws-error.ts';
import { logsErrors } from '../errors.ts';

/** The error CloudWatch Logs answers for a pattern it cannot read (InvalidParameterException, 400). */
export const invalidPattern = (pattern: string, why: string): AwsError =>
  logsErrors.invalidParameter(`Invalid filter pattern ${JSON.stringify(pattern)}: ${why}`);
