import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/src/runtime/clock.ts';
import { type LocalCloud, startLocalCloud, TABLE_NAME } from '../support/local-cloud.fixture.ts';
import { MINUTE } from '../support/virtual-time.fixture.ts';

let cloud: LocalCloud | undefined;
afterEach(async () => {
  await cloud?.dispose();
  cloud = undefined;
});

interface Sent {
  readonly status: number;
  readonly requestId: string | null;
}

async function send(url: string, init: RequestInit): Promise<Sent> {
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return { status: response.status, requestId: response.headers.get('apigw-requestid') };
}

interface AccessRecord {
  readonly requestId: string;
  readonly status: string;
  readonly httpMethod: string;
}

/** Every access-log record archived under the prefix, read through a real S3 client. */
async function archivedRecords(local: LocalCloud, bucket: string, prefix: string) {
  const s3 = local.s3();
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  const records: AccessRecord[] = [];
  for (const object of listed.Contents ?? []) {
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
    const text = (await got.Body?.transformToString()) ?? '';
    for (const line of text.split('\n').filter((l) => l.trim() !== ''))
      records.push(JSON.parse(line) as AccessRecord);
  }
  return { keys: (listed.Contents ?? []).map((o) => o.Key ?? ''), records };
}

describe('API access logs archived to S3 through the subscription filter and Firehose', () => {
  it('writes exactly one record per request, of every outcome, under access-logs/yyyy/MM/dd/ once the buffer interval passes', async () => {
    // Prepare: a low stage burst so some requests are throttled.
    const clock = new VirtualClock(Date.UTC(2026, 2, 3, 10, 0));
    cloud = await startLocalCloud({
      clock,
      parameters: { ThrottlingRateLimit: '1', ThrottlingBurstLimit: '3' },
    });
    const local = cloud;
    const bucket = local.output('S3BucketName');
    const prefix = 'access-logs/2026/03/03/';
    const json = { 'content-type': 'application/json' };

    // Act: a preflight (answered by the gateway, no token), three requests within the burst
    // (200, 400, 200), then two throttled ones.
    const sent: Sent[] = [];
    sent.push(
      await send(local.apiUrl, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
      }),
    );
    sent.push(await send(local.apiUrl, { method: 'POST', headers: json, body: '{"n":1}' }));
    sent.push(await send(local.apiUrl, { method: 'POST', headers: json, body: '{"broken":' }));
    sent.push(await send(`${local.apiUrl}/status?x=1`, { method: 'GET' }));
    sent.push(await send(local.apiUrl, { method: 'POST', headers: json, body: '{"n":2}' }));
    sent.push(await send(local.apiUrl, { method: 'POST', headers: json, body: '{"n":3}' }));
    await clock.advance(30_000);
    const beforeInterval = await archivedRecords(local, bucket, prefix);
    await clock.advance(MINUTE);
    const archived = await archivedRecords(local, bucket, prefix);

    // Assess
    expect(sent.map((s) => s.status)).toEqual([204, 200, 400, 200, 429, 429]);
    expect(beforeInterval.records).toEqual([]);
    expect(archived.keys.length).toBeGreaterThan(0);
    for (const key of archived.keys) expect(key.startsWith(prefix)).toBe(true);
    expect(archived.records).toHaveLength(sent.length);
    expect(archived.records.map((r) => r.status).sort()).toEqual(sent.map((s) => String(s.status)).sort());
    const sentIds = sent.map((s) => s.requestId);
    expect(sentIds.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(archived.records.map((r) => r.requestId).sort()).toEqual([...sentIds].sort());
    const stored = await local.dynamodb().send(new ScanCommand({ TableName: TABLE_NAME }));
    const storedIds = (stored.Items ?? []).map((i) => i.RequestId?.S).sort();
    const loggedOk = archived.records
      .filter((r) => r.status === '200')
      .map((r) => r.requestId)
      .sort();
    expect(storedIds).toEqual(loggedOk);
    expect(storedIds).toHaveLength(2);
  });
});
