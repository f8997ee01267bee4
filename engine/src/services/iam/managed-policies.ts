import type { PolicyDocument } from './policy-document.ts';

/**
 * The AWS managed policies this engine knows the content of. Any other managed policy ARN can be
 * attached and is recorded, but grants nothing here; denials say so.
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicExecutionRole.html
 */
export const KNOWN_MANAGED_POLICIES: Readonly<Record<string, PolicyDocument>> = {
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: ['*'],
      },
    ],
  },
};

/** The managed policy for an ARN in any partition (`arn:aws-cn:iam::aws:policy/...` too). */
export function knownManagedPolicy(policyArn: string): PolicyDocument | undefined {
  const normalized = policyArn.replace(/^arn:[^:]+:/, 'arn:aws:');
  return Object.hasOwn(KNOWN_MANAGED_POLICIES, normalized) ? KNOWN_MANAGED_POLICIES[normalized] : undefined;
}
