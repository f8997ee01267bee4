/**
 * Where a request's body goes. DynamoDB items are capped at 400 KB, API Gateway accepts 10 MB and
 * Lambda 6 MB, so a body that would push the item over {@link MAX_INLINE_ITEM_BYTES} is written
 * to S3 and the item keeps a pointer: nothing the platform accepts is lost.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
 */
import { type Item, itemSizeBytes, MAX_INLINE_ITEM_BYTES } from './item.ts';
import type { RequestRecord } from './request-record.ts';
import { datePath } from './timestamps.ts';

/** An S3 object to write before the item (so the item never points at a missing object). */
export interface BodyArchive {
  readonly bucket: string;
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly contentType: string | undefined;
}

export interface StoragePlan {
  readonly item: Item;
  readonly archive: BodyArchive | undefined;
}

/** Thrown when a body needs S3 but no bucket is configured; never silently truncate. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** `${prefix}YYYY/MM/DD/${requestId}`: one object per request, listable by day. */
export function bodyKey(prefix: string, timestamp: string, requestId: string): string {
  return `${prefix}${datePath(timestamp)}/${requestId}`;
}

/** Keeps the body inline when the whole item fits, otherwise moves it to S3. */
export function planStorage(
  record: RequestRecord,
  bucketName: string | undefined,
  bodyPrefix: string,
  maxItemBytes = MAX_INLINE_ITEM_BYTES,
): StoragePlan {
  if (record.body === undefined || itemSizeBytes(record.item) <= maxItemBytes) {
    return { item: record.item, archive: undefined };
  }
  if (bucketName === undefined) {
    throw new BodyTooLargeError(
      `body of ${record.body.bytes.length} bytes exceeds the item limit and ARCHIVE_BUCKET_NAME is not set`,
    );
  }
  const key = bodyKey(bodyPrefix, record.timestamp, record.requestId);
  const { Body: _inline, ...rest } = record.item;
  return {
    item: { ...rest, BodyS3Bucket: bucketName, BodyS3Key: key },
    archive: { bucket: bucketName, key, bytes: record.body.bytes, contentType: record.contentType },
  };
}
