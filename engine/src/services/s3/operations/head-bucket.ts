import type { OperationHandler } from '../rest-xml/http-message.ts';

/**
 * The bucket's Region in `x-amz-bucket-region`; no body.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
 */
export const headBucketHandler: OperationHandler = (service, request) => ({
  status: 200,
  headers: { 'x-amz-bucket-region': service.bucketRegion(request.bucket, request.caller) },
});
