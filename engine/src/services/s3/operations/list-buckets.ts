import { isoDate, type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { ownerOf } from '../rest-xml/owner.ts';
import { toXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

export interface BucketSummary {
  readonly name: string;
  readonly createdAt: number;
  readonly region: string;
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html */
export function listBuckets(ctx: S3Context): BucketSummary[] {
  return ctx.store.names().map((name) => {
    const b = ctx.store.get(name);
    return { name: b.name, createdAt: b.createdAt, region: b.region };
  });
}

export const listBucketsHandler: OperationHandler = (service) =>
  xmlResponse(
    toXml('ListAllMyBucketsResult', {
      Owner: ownerOf(service),
      Buckets: {
        Bucket: service.listBuckets().map((b) => ({ Name: b.name, CreationDate: isoDate(b.createdAt) })),
      },
    }),
  );
