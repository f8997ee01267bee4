import type { LifecycleRule, S3Service } from '../services/s3/index.ts';
import { bucketArn } from '../services/s3/index.ts';
import {
  asRecord,
  generatePhysicalName,
  optionalBoolean,
  optionalList,
  optionalNumber,
  optionalObject,
  optionalString,
  type ProviderContext,
  propertyError,
  type ResourceProvider,
} from './provider.ts';
import { readCorsConfiguration } from './s3-bucket-cors.ts';
import { readBucketSettings } from './s3-bucket-settings.ts';

type Props = Readonly<Record<string, unknown>>;

/**
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html
 * CorsConfiguration becomes the bucket's CORS rules (PutBucketCors), which answer preflights.
 * Encryption, public access blocks, ownership controls and tags are stored and reported by the
 * bucket getters; they change nothing locally (objects sit on the local disk, nothing is public,
 * ACLs are not emulated).
 */
export function s3BucketProvider(s3: S3Service): ResourceProvider {
  const attributes = (name: string) => ({
    Arn: bucketArn(name),
    DomainName: `${name}.s3.amazonaws.com`,
    RegionalDomainName: `${name}.s3.${s3.account.region}.amazonaws.com`,
  });
  const configure = (ctx: ProviderContext, name: string, props: Props) => {
    const settings = readBucketSettings(ctx, props);
    const cors = readCorsConfiguration(ctx, props);
    const versioning = optionalObject(props, 'VersioningConfiguration', ctx);
    if (versioning) s3.putBucketVersioning({ bucket: name, status: String(versioning.Status) });
    const lifecycle = optionalObject(props, 'LifecycleConfiguration', ctx);
    if (lifecycle) s3.putBucketLifecycle({ bucket: name, rules: readRules(ctx, lifecycle) });
    else s3.deleteBucketLifecycle({ bucket: name });
    if (cors) s3.putBucketCors({ bucket: name, rules: cors });
    else s3.deleteBucketCors({ bucket: name });
    s3.putBucketSettings({ bucket: name, settings });
  };
  return {
    type: 'AWS::S3::Bucket',
    supportedProperties: [
      'BucketName',
      'BucketEncryption',
      'VersioningConfiguration',
      'LifecycleConfiguration',
      'CorsConfiguration',
      'PublicAccessBlockConfiguration',
      'OwnershipControls',
      'Tags',
    ],
    supportedAttributes: ['Arn', 'DomainName', 'RegionalDomainName'],
    replacementProperties: ['BucketName'],
    async create(ctx, props) {
      const name =
        optionalString(props, 'BucketName', ctx) ??
        generatePhysicalName(ctx, { maxLength: 63, lowercase: true });
      s3.createBucket({ bucket: name });
      configure(ctx, name, props);
      return { physicalId: name, attributes: attributes(name) };
    },
    async find(ctx, props) {
      const name =
        optionalString(props, 'BucketName', ctx) ??
        generatePhysicalName(ctx, { maxLength: 63, lowercase: true });
      return s3.listBuckets().some((b) => b.name === name)
        ? { physicalId: name, attributes: attributes(name) }
        : undefined;
    },
    async update(ctx, physicalId, props) {
      configure(ctx, physicalId, props);
      return { physicalId, attributes: attributes(physicalId) };
    },
    async delete(_ctx, physicalId) {
      if (s3.listBuckets().some((b) => b.name === physicalId)) s3.deleteBucket({ bucket: physicalId });
    },
  };
}

function readRules(ctx: ProviderContext, lifecycle: Props): LifecycleRule[] {
  return (optionalList(lifecycle, 'Rules', ctx) ?? []).map((value, index) => {
    const rule = asRecord(value);
    const path = `LifecycleConfiguration.Rules.${index}`;
    const known = [
      'Id',
      'Status',
      'Prefix',
      'ExpirationInDays',
      'ExpiredObjectDeleteMarker',
      'NoncurrentVersionExpiration',
      'NoncurrentVersionExpirationInDays',
      'AbortIncompleteMultipartUpload',
    ];
    const unknown = Object.keys(rule).find((key) => !known.includes(key));
    if (unknown) throw propertyError(ctx, `${path}.${unknown}`, 'is not emulated by the local S3 lifecycle');
    const status = optionalString(rule, 'Status', ctx);
    if (status !== 'Enabled' && status !== 'Disabled')
      throw propertyError(ctx, `${path}.Status`, 'must be Enabled or Disabled');
    const noncurrent = optionalObject(rule, 'NoncurrentVersionExpiration', ctx);
    const abort = optionalObject(rule, 'AbortIncompleteMultipartUpload', ctx);
    const id = optionalString(rule, 'Id', ctx);
    const expirationDays = optionalNumber(rule, 'ExpirationInDays', ctx);
    const marker = optionalBoolean(rule, 'ExpiredObjectDeleteMarker', ctx);
    const noncurrentDays = noncurrent
      ? optionalNumber(noncurrent, 'NoncurrentDays', ctx)
      : optionalNumber(rule, 'NoncurrentVersionExpirationInDays', ctx);
    const newer = noncurrent ? optionalNumber(noncurrent, 'NewerNoncurrentVersions', ctx) : undefined;
    const abortDays = abort ? optionalNumber(abort, 'DaysAfterInitiation', ctx) : undefined;
    return {
      status,
      prefix: optionalString(rule, 'Prefix', ctx) ?? '',
      ...(id ? { id } : {}),
      ...(expirationDays === undefined ? {} : { expirationDays }),
      ...(marker === undefined ? {} : { expiredObjectDeleteMarker: marker }),
      ...(noncurrentDays === undefined ? {} : { noncurrentDays }),
      ...(newer === undefined ? {} : { newerNoncurrentVersions: newer }),
      ...(abortDays === undefined ? {} : { abortIncompleteMultipartUploadDays: abortDays }),
    };
  });
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucketpolicy.html */
export function s3BucketPolicyProvider(s3: S3Service): ResourceProvider {
  const apply: ResourceProvider['create'] = async (ctx, props) => {
    const bucket = optionalString(props, 'Bucket', ctx);
    if (!bucket) throw propertyError(ctx, 'Bucket', 'is required');
    if (typeof props.PolicyDocument !== 'object' || props.PolicyDocument === null)
      throw propertyError(ctx, 'PolicyDocument', 'is required');
    s3.putBucketPolicy({ bucket, policy: JSON.stringify(props.PolicyDocument) });
    return { physicalId: bucket, attributes: {} };
  };
  return {
    type: 'AWS::S3::BucketPolicy',
    supportedProperties: ['Bucket', 'PolicyDocument'],
    supportedAttributes: [],
    replacementProperties: ['Bucket'],
    create: apply,
    update: (ctx, _physicalId, props) => apply(ctx, props),
    async delete(_ctx, physicalId) {
      if (!s3.listBuckets().some((b) => b.name === physicalId)) return;
      try {
        s3.deleteBucketPolicy({ bucket: physicalId });
      } catch (error) {
        if ((error as Error).name !== 'NoSuchBucketPolicy') throw error;
      }
    },
  };
}
