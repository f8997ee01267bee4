import { arnResourceName } from '../runtime/arn.ts';
import type { IamService } from '../services/iam/index.ts';
import type { LambdaServiceOptions } from '../services/lambda/index.ts';

/**
 * The credentials a function runs with: a session of its execution role assumed by
 * lambda.amazonaws.com, named after the role (role session names are at most 64 characters).
 */
export function lambdaRoleCredentials(iam: IamService): LambdaServiceOptions['credentialsFor'] {
  return (roleArn) =>
    iam.issueCredentials(roleArn, arnResourceName(roleArn).slice(0, 64), {
      assumedBy: 'lambda.amazonaws.com',
    });
}
