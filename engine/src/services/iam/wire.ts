/**
 * IAM on the AWS endpoint: awsQuery in, XML out (`aws iam get-role` parses nothing else).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html
 *
 * LIMITATIONS: read operations only (roles are written by CloudFormation); no RoleLastUsed,
 * PermissionsBoundary or ListAttachedRolePolicies. Facts: AWS-FACTS.md.
 */
import type { QueryServiceEntry } from '../../protocol/service-entry.ts';
import type { IamService } from './iam-service.ts';
import { iamOperations } from './operation-table.ts';

export const iamWireService = (iam: IamService): QueryServiceEntry => ({
  kind: 'query',
  iamPrefix: 'iam',
  protocol: { xmlns: 'https://iam.amazonaws.com/doc/2010-05-08/' },
  operations: iamOperations(iam),
});
