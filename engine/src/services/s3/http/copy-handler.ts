import { s3Errors } from '../errors.ts';
import { parseCopySource } from '../operations/copy-object.ts';
import { userMetadata } from './object-handlers.ts';
import { header, isoDate, type OperationHandler, xmlResponse } from './types.ts';
import { toXml } from './xml.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html */
export const copyObjectHandler: OperationHandler = (service, request) => {
  const sourceHeader = header(request, 'x-amz-copy-source') ?? '';
  const source = parseCopySource(sourceHeader);
  if (!source) throw s3Errors.invalidArgument(`Invalid copy source object key: ${sourceHeader}`);
  const directive = header(request, 'x-amz-metadata-directive');
  const contentType = header(request, 'content-type');
  const result = service.copyObject(
    {
      sourceBucket: source.bucket,
      sourceKey: source.key,
      ...(source.versionId === undefined ? {} : { sourceVersionId: source.versionId }),
      bucket: request.bucket,
      key: request.key,
      metadata: userMetadata(request),
      ...(directive === undefined ? {} : { metadataDirective: directive.toUpperCase() }),
      ...(contentType === undefined ? {} : { contentType }),
    },
    request.caller,
  );
  const response = xmlResponse(
    toXml('CopyObjectResult', { LastModified: isoDate(result.lastModified), ETag: result.etag }),
  );
  return {
    ...response,
    headers: {
      ...response.headers,
      ...(result.versionId === undefined ? {} : { 'x-amz-version-id': result.versionId }),
      ...(result.sourceVersionId === undefined
        ? {}
        : { 'x-amz-copy-source-version-id': result.sourceVersionId }),
    },
  };
};
