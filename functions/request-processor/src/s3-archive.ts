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

/** A PutObject writer whose client is created once, on first call. */
export function lazyPutArchive(config: S3ClientConfig): PutArchive {
  let ready: Promise<{ readonly s3: S3Module; readonly client: S3Client }> | undefined;
  return async ({ bucket, key, bytes, contentType }) => {
    ready ??= loadS3Module().then((s3) => ({ s3, client: new s3.S3Client(config) }));
    const { s3, client } = await ready.catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    await client.send(
      new s3.PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType ?? 'application/octet-stream',
      }),
    );
  };
}
