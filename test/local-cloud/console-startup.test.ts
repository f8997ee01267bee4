/**
 * `tapstack up` serves the console on the AWS endpoint's port and prints it as `Console  <url>`;
 * the page carries a token that is new on every start, and the console's API refuses calls
 * without it or with a Host that is not this listener.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, type RunningCloud, startCliCloud } from '../support/cli-process.fixture.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-console-'));
const running: RunningCloud[] = [];
afterAll(async () => {
  for (const cloud of running) {
    cloud.child.kill('SIGTERM');
    await exited(cloud.child);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

async function startAndRead() {
  const cloud = await startCliCloud(dataDir);
  running.push(cloud);
  const line = cloud.output.find((l) => l.startsWith('Console  '));
  const url = line?.slice('Console  '.length) ?? '';
  const page = await get(url);
  const token = /name="console-token" content="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { cloud, url, page, token };
}

describe('tapstack up serves the console', () => {
  it('prints the Console line on the endpoint port, serves the bundled page, and guards its API', async () => {
    const first = await startAndRead();
    expect(first.url).toBe(`${first.cloud.endpointUrl}/_console/`);
    expect(first.page.status).toBe(200);
    expect(first.page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    expect(first.page.body).toContain('<script src="app.js"></script>');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const script = await get(`${first.url}app.js`);
    expect(script.status).toBe(200);
    // uPlot is inside the bundle; nothing names another origin to load from.
    expect(script.body).toContain('uplot');
    expect(script.body).not.toMatch(
      /https?:\/\/(?!www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}\/[^"']*\.(js|css|woff2?)/i,
    );

    const stream = `${first.url}api/stream/stack`;
    expect((await get(stream)).status).toBe(403);
    expect((await get(`${stream}?token=wrong`)).status).toBe(403);
    const endpoint = new URL(first.cloud.endpointUrl);
    expect((await get(`${first.url}`, { host: `evil.example:${endpoint.port}` })).status).toBe(421);
    expect((await get(`${first.url}api/request?id=x&ts=y`, { 'x-console-token': first.token })).status).toBe(
      404,
    );

    first.cloud.child.kill('SIGTERM');
    await exited(first.cloud.child);
    const second = await startAndRead();
    expect(second.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second.token).not.toBe(first.token);
    expect(
      (await get(stream.replace(first.url, second.url), { 'x-console-token': first.token })).status,
    ).toBe(403);
  });
});
