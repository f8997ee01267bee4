import { corsConfigurationToXml, parseCorsConfiguration } from './cors-xml.ts';
import { type OperationHandler, xmlResponse } from './types.ts';
import { parseXml } from './xml.ts';

/**
 * PutBucketCors / GetBucketCors / DeleteBucketCors on the wire (`?cors` on a bucket).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html
 */
export const putBucketCorsHandler: OperationHandler = (service, request) => {
  const rules = parseCorsConfiguration(parseXml(request.body.toString('utf8')));
  service.putBucketCors({ bucket: request.bucket, rules }, request.caller);
  return { status: 200 };
};

export const getBucketCorsHandler: OperationHandler = (service, request) =>
  xmlResponse(corsConfigurationToXml(service.getBucketCors({ bucket: request.bucket }, request.caller)));

export const deleteBucketCorsHandler: OperationHandler = (service, request) => {
  service.deleteBucketCors({ bucket: request.bucket }, request.caller);
  return { status: 204 };
};
