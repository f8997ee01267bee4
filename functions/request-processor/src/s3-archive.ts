/**
 * Writes oversized bodies to S3. Few requests need it, so the S3 client module is loaded on first
 * use (then cached for the life of the execution environment) instead of at cold start, where it
 * would add roughly a third to module init.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
 * https://docs.aws.amazon.com/lambda/latest/operatorguide/static-initialization.html
 */
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { BodyArchive } from './storage-plan.ts';

type S3Module = typeof import('@aws-sdk/client-s3');

/** Writes one archived body. */
export type PutArchive = (archive: BodyArchive) => Promise<void>;

function loadS3Module(): Promise<S3Module> {
  // In the CommonJS bundle `require` resolves the runtime's SDK through NODE_PATH, which ESM
  // `import()` ignores; ESM hosts without `require` (e.g. tsx) fall back to `import()`.
  if (typeof require === 'function') return Promise.resolve(require('@aws-sdk/client-s3') as S3Module);
  return import('@aws-sdk/client-s3');
}

/** Removes an archived body whose item could not be written, so no orphan stays behind. */
export type RemoveArchive = (archive: Pick<BodyArchive, 'bucket' | 'key'>) => Promise<void>;

/** PutObject and DeleteObject on one S3 client, created once, on first use. */
export function lazyArchive(config: S3ClientConfig): {
  readonly put: PutArchive;
  readonly remove: RemoveArchive;
} {
  let ready: Promise<{ readonly s3: S3Module; readonly client: S3Client }> | undefined;
  const connect = () => {
    ready ??= loadS3Module().then((s3) => ({ s3, client: new s3.S3Client(config) }));
    return ready.catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
  };
  return {
    put: async ({ bucket, key, bytes, contentType }) => {
      const { s3, client } = await connect();
      await client.send(
        new s3.PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType ?? 'application/octet-stream',
        }),
      );
    },
    remove: async ({ bucket, key }) => {
      const { s3, client } = await connect();
      await client.send(new s3.DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
