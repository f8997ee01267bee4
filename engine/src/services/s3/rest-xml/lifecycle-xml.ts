import { s3Errors } from '../errors.ts';
import type { LifecycleRule } from '../model.ts';
import { child, childrenNamed, childText, type XmlElement, type XmlNode } from './xml.ts';

/**
 * LifecycleConfiguration XML ⇄ rules. Transitions, tag/size filters and Expiration dates are
 * refused rather than stored unexecuted.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
 */
export function parseLifecycle(root: XmlElement): LifecycleRule[] {
  if (root.name !== 'LifecycleConfiguration')
    throw s3Errors.malformedXml('expected <LifecycleConfiguration>');
  return childrenNamed(root, 'Rule').map(parseRule);
}

const integer = (text: string | undefined, name: string): number | undefined => {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw s3Errors.malformedXml(`${name} must be an integer`);
  return Number(text);
};

function parseRule(rule: XmlElement): LifecycleRule {
  for (const unsupported of ['Transition', 'NoncurrentVersionTransition']) {
    if (child(rule, unsupported))
      throw s3Errors.notImplemented(`lifecycle ${unsupported} (no storage classes)`);
  }
  const status = childText(rule, 'Status');
  if (status !== 'Enabled' && status !== 'Disabled')
    throw s3Errors.malformedXml('Rule Status must be Enabled or Disabled');
  const filter = child(rule, 'Filter');
  if (filter?.children.some((c) => c.name !== 'Prefix')) {
    throw s3Errors.notImplemented('lifecycle filters other than Prefix (Tag, And, ObjectSize*)');
  }
  const prefix = (filter ? childText(filter, 'Prefix') : childText(rule, 'Prefix')) ?? '';
  const expiration = child(rule, 'Expiration');
  if (expiration && child(expiration, 'Date')) throw s3Errors.notImplemented('lifecycle Expiration Date');
  const noncurrent = child(rule, 'NoncurrentVersionExpiration');
  const abort = child(rule, 'AbortIncompleteMultipartUpload');
  const marker = expiration ? childText(expiration, 'ExpiredObjectDeleteMarker') : undefined;
  const parsed: Record<string, unknown> = {
    id: childText(rule, 'ID'),
    status,
    prefix,
    expirationDays: expiration ? integer(childText(expiration, 'Days'), 'Days') : undefined,
    expiredObjectDeleteMarker: marker === undefined ? undefined : marker === 'true',
    noncurrentDays: noncurrent
      ? integer(childText(noncurrent, 'NoncurrentDays'), 'NoncurrentDays')
      : undefined,
    newerNoncurrentVersions: noncurrent
      ? integer(childText(noncurrent, 'NewerNoncurrentVersions'), 'NewerNoncurrentVersions')
      : undefined,
    abortIncompleteMultipartUploadDays: abort
      ? integer(childText(abort, 'DaysAfterInitiation'), 'DaysAfterInitiation')
      : undefined,
  };
  return Object.fromEntries(
    Object.entries(parsed).filter(([, v]) => v !== undefined),
  ) as unknown as LifecycleRule;
}

export function lifecycleToXml(rules: readonly LifecycleRule[]): XmlNode {
  return {
    Rule: rules.map((rule) => ({
      ID: rule.id,
      Filter: { Prefix: rule.prefix },
      Status: rule.status,
      Expiration:
        rule.expirationDays !== undefined || rule.expiredObjectDeleteMarker !== undefined
          ? { Days: rule.expirationDays, ExpiredObjectDeleteMarker: rule.expiredObjectDeleteMarker }
          : undefined,
      NoncurrentVersionExpiration:
        rule.noncurrentDays !== undefined
          ? { NoncurrentDays: rule.noncurrentDays, NewerNoncurrentVersions: rule.newerNoncurrentVersions }
          : undefined,
      AbortIncompleteMultipartUpload:
        rule.abortIncompleteMultipartUploadDays !== undefined
          ? { DaysAfterInitiation: rule.abortIncompleteMultipartUploadDays }
          : undefined,
    })),
  };
}
