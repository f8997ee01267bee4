import type { BucketSettings, EncryptionRule } from '../services/s3/index.ts';
import {
  asRecord,
  optionalBoolean,
  optionalList,
  optionalObject,
  optionalString,
  type ProviderContext,
  propertyError,
} from './provider.ts';

type Props = Readonly<Record<string, unknown>>;

/**
 * The AWS::S3::Bucket properties S3 stores and reports back (GetBucketEncryption,
 * GetPublicAccessBlock, GetBucketOwnershipControls, GetBucketTagging).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-bucketencryption.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-publicaccessblockconfiguration.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-ownershipcontrols.html
 */
export function readBucketSettings(ctx: ProviderContext, props: Props): BucketSettings {
  const encryption = readEncryption(ctx, props);
  const block = optionalObject(props, 'PublicAccessBlockConfiguration', ctx);
  const ownership = optionalObject(props, 'OwnershipControls', ctx);
  const rules = ownership ? (optionalList(ownership, 'Rules', ctx) ?? []) : [];
  const objectOwnership =
    rules.length > 0 ? optionalString(asRecord(rules[0]), 'ObjectOwnership', ctx) : undefined;
  if (
    objectOwnership !== undefined &&
    !['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'].includes(objectOwnership)
  )
    throw propertyError(
      ctx,
      'OwnershipControls.Rules.0.ObjectOwnership',
      'must be BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter',
    );
  const tags = (optionalList(props, 'Tags', ctx) ?? []).map((value, index) => {
    const tag = asRecord(value);
    const key = optionalString(tag, 'Key', ctx);
    const tagValue = optionalString(tag, 'Value', ctx);
    if (key === undefined || tagValue === undefined)
      throw propertyError(ctx, `Tags.${index}`, 'needs a Key and a Value');
    return { key, value: tagValue };
  });
  return {
    ...(encryption ? { encryption } : {}),
    ...(block
      ? {
          publicAccessBlock: {
            blockPublicAcls: optionalBoolean(block, 'BlockPublicAcls', ctx) ?? false,
            ignorePublicAcls: optionalBoolean(block, 'IgnorePublicAcls', ctx) ?? false,
            blockPublicPolicy: optionalBoolean(block, 'BlockPublicPolicy', ctx) ?? false,
            restrictPublicBuckets: optionalBoolean(block, 'RestrictPublicBuckets', ctx) ?? false,
          },
        }
      : {}),
    ...(objectOwnership ? { objectOwnership } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
}

function readEncryption(ctx: ProviderContext, props: Props): EncryptionRule[] | undefined {
  const encryption = optionalObject(props, 'BucketEncryption', ctx);
  if (!encryption) return undefined;
  return (optionalList(encryption, 'ServerSideEncryptionConfiguration', ctx) ?? []).map((value, index) => {
    const rule = asRecord(value);
    const byDefault = optionalObject(rule, 'ServerSideEncryptionByDefault', ctx);
    const algorithm = byDefault ? optionalString(byDefault, 'SSEAlgorithm', ctx) : undefined;
    const path = `BucketEncryption.ServerSideEncryptionConfiguration.${index}`;
    if (!algorithm || !['AES256', 'aws:kms', 'aws:kms:dsse'].includes(algorithm))
      throw propertyError(
        ctx,
        `${path}.ServerSideEncryptionByDefault.SSEAlgorithm`,
        'must be AES256, aws:kms or aws:kms:dsse',
      );
    const keyId = byDefault ? optionalString(byDefault, 'KMSMasterKeyID', ctx) : undefined;
    const bucketKey = optionalBoolean(rule, 'BucketKeyEnabled', ctx);
    return {
      sseAlgorithm: algorithm,
      ...(keyId === undefined ? {} : { kmsMasterKeyId: keyId }),
      ...(bucketKey === undefined ? {} : { bucketKeyEnabled: bucketKey }),
    };
  });
}
