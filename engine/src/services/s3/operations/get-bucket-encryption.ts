import { DEFAULT_ENCRYPTION, settingsOf } from '../bucket-settings.ts';
import type { EncryptionRule } from '../model.ts';
import type { S3Caller } from '../policy.ts';
import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { toXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html */
export const getBucketEncryption = (
  ctx: S3Context,
  bucket: string,
  caller: S3Caller,
): readonly EncryptionRule[] =>
  settingsOf(ctx, bucket, caller, 's3:GetEncryptionConfiguration').encryption ?? DEFAULT_ENCRYPTION;

export const getBucketEncryptionHandler: OperationHandler = (service, request) =>
  xmlResponse(
    toXml('ServerSideEncryptionConfiguration', {
      Rule: service.getBucketEncryption(request.bucket, request.caller).map((rule) => ({
        ApplyServerSideEncryptionByDefault: {
          SSEAlgorithm: rule.sseAlgorithm,
          KMSMasterKeyID: rule.kmsMasterKeyId,
        },
        BucketKeyEnabled: rule.bucketKeyEnabled ?? false,
      })),
    }),
  );
