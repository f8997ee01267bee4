import { s3Errors } from '../errors.ts';
import type { LifecycleRule } from '../model.ts';
import type { S3Caller } from '../policy.ts';
import { bodyText, type OperationHandler } from '../rest-xml/http-message.ts';
import { parseLifecycle } from '../rest-xml/lifecycle-xml.ts';
import { parseXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

/**
 * Stores lifecycle rules after checking what S3 checks (and refusing what this emulator would not
 * execute). https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
 */
export interface PutBucketLifecycleInput {
  readonly bucket: string;
  readonly rules: readonly LifecycleRule[];
}

const MAX_RULES = 1000;

const positiveInteger = (value: number | undefined): boolean =>
  value === undefined || (Number.isInteger(value) && value > 0);

function ruleProblem(rule: LifecycleRule): string | undefined {
  const hasAction =
    rule.expirationDays !== undefined ||
    rule.expiredObjectDeleteMarker !== undefined ||
    rule.noncurrentDays !== undefined ||
    rule.abortIncompleteMultipartUploadDays !== undefined;
  if (!hasAction) return 'At least one action needs to be specified in a rule';
  if (rule.expirationDays !== undefined && rule.expiredObjectDeleteMarker !== undefined) {
    return 'ExpiredObjectDeleteMarker cannot be specified with Days or Date in a Lifecycle Expiration Policy';
  }
  for (const [name, value] of [
    ['Days', rule.expirationDays],
    ['NoncurrentDays', rule.noncurrentDays],
    ['DaysAfterInitiation', rule.abortIncompleteMultipartUploadDays],
  ] as const) {
    if (!positiveInteger(value)) return `'${name}' in a lifecycle rule must be a positive integer`;
  }
  const newer = rule.newerNoncurrentVersions;
  if (newer !== undefined && (!Number.isInteger(newer) || newer < 1 || newer > 100)) {
    return 'NewerNoncurrentVersions must be between 1 and 100';
  }
  if (newer !== undefined && rule.noncurrentDays === undefined) {
    return 'NewerNoncurrentVersions requires NoncurrentDays';
  }
  if (rule.id !== undefined && rule.id.length > 255)
    return 'ID length should not exceed allowed limit of 255';
  return undefined;
}

export function putBucketLifecycle(ctx: S3Context, input: PutBucketLifecycleInput, caller: S3Caller): void {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:PutLifecycleConfiguration', bucket);
  if (input.rules.length === 0 || input.rules.length > MAX_RULES) {
    throw s3Errors.malformedXml(`a lifecycle configuration has 1 to ${MAX_RULES} rules`);
  }
  const ids = new Set<string>();
  for (const rule of input.rules) {
    const problem = ruleProblem(rule);
    if (problem) throw s3Errors.invalidArgument(problem);
    if (rule.id !== undefined) {
      if (ids.has(rule.id))
        throw s3Errors.invalidArgument('Rule ID must be unique. Found same ID for more than one rule');
      ids.add(rule.id);
    }
  }
  bucket.lifecycle = input.rules;
  ctx.store.save(bucket);
}

export const putBucketLifecycleConfigurationHandler: OperationHandler = (service, request) => {
  service.putBucketLifecycle(
    { bucket: request.bucket, rules: parseLifecycle(parseXml(bodyText(request))) },
    request.caller,
  );
  return { status: 200 };
};
