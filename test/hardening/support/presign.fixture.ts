import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';

const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** The SHA-256 shape the Smithy signer takes, over node:crypto. */
class NodeSha256 {
  private hash: Hash | Hmac;
  private readonly secret: string | Uint8Array | undefined;
  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : bytes(secret);
    this.hash = this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
}

export interface PresignInput {
  readonly url: string;
  readonly method: string;
  readonly service: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly expiresIn: number;
  readonly signingDate?: Date;
}

/** A presigned URL made by the AWS SDK's own SigV4 signer (what getSignedUrl uses). */
export async function presignUrl(input: PresignInput): Promise<string> {
  const url = new URL(input.url);
  const signer = new SignatureV4({
    service: input.service,
    region: 'us-east-1',
    credentials: input.credentials,
    sha256: NodeSha256,
    uriEscapePath: input.service !== 's3',
    applyChecksum: false,
  });
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const signed = await signer.presign(
    {
      method: input.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query,
      headers: {
        host: url.host,
        ...(input.service === 's3' ? { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } : {}),
      },
    },
    {
      expiresIn: input.expiresIn,
      ...(input.signingDate ? { signingDate: input.signingDate } : {}),
      unsignableHeaders: new Set(),
    },
  );
  const out = new URL(input.url);
  out.search = new URLSearchParams(signed.query as Record<string, string>).toString();
  return out.toString();
}
