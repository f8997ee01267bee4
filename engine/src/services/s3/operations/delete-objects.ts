import { isAwsError } from '../../../runtime/aws-error.ts';
import { s3Errors } from '../errors.ts';
import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { childrenNamed, childText, parseXml, toXml } from '../rest-xml/xml.ts';

/**
 * Each key deleted as DeleteObject deletes it; failures are reported per key, not for the request.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 */
export const deleteObjectsHandler: OperationHandler = (service, request) => {
  const document = parseXml(request.body.toString('utf8'));
  if (document.name !== 'Delete') throw s3Errors.malformedXml('expected <Delete>');
  const objects = childrenNamed(document, 'Object');
  if (objects.length > 1000) throw s3Errors.malformedXml('at most 1000 keys per request');
  const quiet = childText(document, 'Quiet') === 'true';
  const deleted: Record<string, string | boolean | undefined>[] = [];
  const errors: Record<string, string | undefined>[] = [];
  for (const object of objects) {
    const key = childText(object, 'Key') ?? '';
    const versionId = childText(object, 'VersionId');
    try {
      const result = service.deleteObject(
        { bucket: request.bucket, key, ...(versionId === undefined ? {} : { versionId }) },
        request.caller,
      );
      if (quiet) continue;
      deleted.push({
        Key: key,
        VersionId: versionId,
        DeleteMarker: result.deleteMarker,
        DeleteMarkerVersionId: versionId === undefined && result.deleteMarker ? result.versionId : undefined,
      });
    } catch (error) {
      if (!isAwsError(error)) throw error;
      errors.push({ Key: key, VersionId: versionId, Code: error.code, Message: error.message });
    }
  }
  return xmlResponse(toXml('DeleteResult', { Deleted: deleted, Error: errors }));
};
