/**
 * A failure of the engine itself behind an S3 request is answered with S3's InternalError and its
 * own wording, never the failure's text; the failure goes to `onInternalError` with the request id.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock.ts';
import { createS3HttpHandler } from '../operation-table.ts';
import { S3Service } from '../service.ts';

it('answers InternalError without the failure text and reports the failure with the request id', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 's3-internal-'));
  const service = new S3Service({ dataDir, clock: new VirtualClock() });
  const failure = Object.assign(new Error('EMFILE: too many open files, open /home/dev/.tapstack/s3/x'), {
    code: 'EMFILE',
  });
  service.listBuckets = () => {
    throw failure;
  };
  const reported: Array<{ error: unknown; requestId: string }> = [];
  const handle = createS3HttpHandler(service, {
    onInternalError: (error, requestId) => reported.push({ error, requestId }),
  });
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const body = await response.text();

    expect(response.status).toBe(500);
    expect(body).toContain('<Code>InternalError</Code>');
    expect(body).toContain('<Message>We encountered an internal error. Please try again.</Message>');
    expect(body).not.toMatch(/EMFILE|tapstack|too many/);
    expect(reported).toHaveLength(1);
    expect(reported[0]?.error).toBe(failure);
    expect(body).toContain(`<RequestId>${reported[0]?.requestId}</RequestId>`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
