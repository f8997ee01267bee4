import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { listBucketResult } from '../rest-xml/list-bucket-result.ts';

/**
 * ListObjects (v1) on the wire, served by ListObjectsV2's listing (`marker` as `start-after`).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html
 */
export const listObjectsHandler: OperationHandler = (service, request) =>
  xmlResponse(listBucketResult(service, request, false));
