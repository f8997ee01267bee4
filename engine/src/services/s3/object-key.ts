import { s3Errors } from './errors.ts';

/** Object keys are 1 to 1,024 bytes of UTF-8. https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html */
export function checkKey(key: string): void {
  const bytes = Buffer.byteLength(key);
  if (bytes === 0) throw s3Errors.invalidArgument('Object key must not be empty');
  if (bytes > 1024) throw s3Errors.invalidArgument('Your key is too long');
}
