import { AwsError } from '../../runtime/aws-error.ts';

/**
 * S3's error codes and statuses, as listed on
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 */
export const s3Errors = {
  noSuchBucket: (bucket: string) =>
    new AwsError('NoSuchBucket', `The specified bucket does not exist: ${bucket}`, 404),
  noSuchKey: (key: string) => new AwsError('NoSuchKey', `The specified key does not exist: ${key}`, 404),
  noSuchVersion: (versionId: string) =>
    new AwsError('NoSuchVersion', `The specified version does not exist: ${versionId}`, 404),
  bucketAlreadyOwnedByYou: (bucket: string) =>
    new AwsError(
      'BucketAlreadyOwnedByYou',
      `Your previous request to create the named bucket succeeded and you already own it: ${bucket}`,
      409,
    ),
  bucketNotEmpty: (bucket: string) =>
    new AwsError('BucketNotEmpty', `The bucket you tried to delete is not empty: ${bucket}`, 409),
  invalidBucketName: (bucket: string, why: string) =>
    new AwsError('InvalidBucketName', `The specified bucket is not valid: ${bucket} (${why})`, 400),
  accessDenied: (why: string) => new AwsError('AccessDenied', `Access Denied: ${why}`, 403),
  methodNotAllowed: (why: string) =>
    new AwsError(
      'MethodNotAllowed',
      `The specified method is not allowed against this resource: ${why}`,
      405,
    ),
  malformedXml: (why: string) =>
    new AwsError(
      'MalformedXML',
      `The XML you provided was not well-formed or did not validate against our published schema: ${why}`,
      400,
    ),
  invalidArgument: (why: string) => new AwsError('InvalidArgument', why, 400),
  invalidRequest: (why: string) => new AwsError('InvalidRequest', why, 400),
  badDigest: () =>
    new AwsError(
      'BadDigest',
      'The Content-MD5 or checksum you specified did not match what we received.',
      400,
    ),
  entityTooLarge: (proposed: number, max: number) =>
    new AwsError(
      'EntityTooLarge',
      `Your proposed upload exceeds the maximum allowed object size (${proposed} bytes; at most ${max} in a single PUT).`,
      400,
    ),
  invalidDigest: () => new AwsError('InvalidDigest', 'The Content-MD5 you specified is not valid.', 400),
  incompleteBody: (declared: number, received: number) =>
    new AwsError(
      'IncompleteBody',
      `You did not provide the number of bytes specified by the Content-Length HTTP header (declared ${declared}, received ${received})`,
      400,
    ),
  invalidRange: () => new AwsError('InvalidRange', 'The requested range is not satisfiable', 416),
  noSuchBucketPolicy: () => new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404),
  noSuchLifecycleConfiguration: () =>
    new AwsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404),
  noSuchTagSet: () => new AwsError('NoSuchTagSet', 'The TagSet does not exist', 404),
  noSuchCorsConfiguration: () =>
    new AwsError('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404),
  invalidCopyToItself: () =>
    new AwsError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      400,
    ),
  noSuchUpload: (uploadId: string) =>
    new AwsError(
      'NoSuchUpload',
      `The specified multipart upload does not exist. The upload ID might be invalid, or the multipart upload might have been aborted or completed: ${uploadId}`,
      404,
    ),
  invalidPart: (why: string) =>
    new AwsError('InvalidPart', `One or more of the specified parts could not be found: ${why}`, 400),
  invalidPartOrder: () =>
    new AwsError(
      'InvalidPartOrder',
      'The list of parts was not in ascending order. Parts must be ordered by part number.',
      400,
    ),
  entityTooSmall: () =>
    new AwsError(
      'EntityTooSmall',
      'Your proposed upload is smaller than the minimum allowed object size.',
      400,
    ),
  malformedPolicy: (why: string) => new AwsError('MalformedPolicy', why, 400),
  notImplemented: (what: string) =>
    new AwsError('NotImplemented', `TapStack's local S3 does not implement ${what}`, 501),
} as const;
