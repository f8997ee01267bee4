import { createHash } from 'node:crypto';
import { settingsOf } from '../bucket-settings.ts';
import type { S3Caller } from '../policy.ts';
import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { escapeXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

export interface BucketAcl {
  readonly ownerId: string;
  readonly grants: readonly { readonly granteeId: string; readonly permission: 'FULL_CONTROL' }[];
}

/** The account's canonical user id: a stable 64-hex-digit string, as S3's are. */
export const canonicalUserId = (accountId: string): string =>
  createHash('sha256').update(`tapstack-canonical-user:${accountId}`).digest('hex');

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketAcl.html — ACLs are not emulated,
 * so every bucket has the private ACL: the owner alone with FULL_CONTROL (with
 * `BucketOwnerEnforced` S3 reports exactly that, whatever ACL was set before).
 */
export function getBucketAcl(ctx: S3Context, bucket: string, caller: S3Caller): BucketAcl {
  settingsOf(ctx, bucket, caller, 's3:GetBucketAcl');
  const ownerId = canonicalUserId(ctx.account.accountId);
  return { ownerId, grants: [{ granteeId: ownerId, permission: 'FULL_CONTROL' }] };
}

/** The grantee carries an `xsi:type` attribute, which the element builder has no form for. */
export const getBucketAclHandler: OperationHandler = (service, request) => {
  const acl = service.getBucketAcl(request.bucket, request.caller);
  const grants = acl.grants
    .map(
      (grant) =>
        '<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">' +
        `<ID>${escapeXml(grant.granteeId)}</ID></Grantee><Permission>${grant.permission}</Permission></Grant>`,
    )
    .join('');
  return xmlResponse(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Owner><ID>${escapeXml(acl.ownerId)}</ID></Owner><AccessControlList>${grants}</AccessControlList>` +
      '</AccessControlPolicy>',
  );
};
