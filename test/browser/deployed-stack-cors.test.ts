/**
 * The same browser checks against the whole local cloud running lib/TapStack.json: the gateway's
 * CORS comes from the template's CorsConfiguration and the real function stores what arrives.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud, TABLE_NAME } from '../support/local-cloud.fixture.ts';
import { checkChromium, launchChromium, type PageServer, startPageServer } from './browser.fixture.ts';
import { PagePool, pageFetch } from './page-fetch.fixture.ts';

const chromiumCheck = checkChromium();

describe.skipIf(!chromiumCheck.run)('a browser against the deployed stack', () => {
  let cloud: LocalCloud;
  let pages: PageServer;
  let browser: Browser;
  let pool: PagePool;

  beforeAll(async () => {
    cloud = await startLocalCloud();
    pages = await startPageServer();
    browser = await launchChromium(pages.port);
    pool = await PagePool.open(browser);
  });
  afterAll(async () => {
    await pool?.close();
    await browser?.close();
    await pages?.close();
    await cloud?.dispose();
  });

  const storedBodies = async (): Promise<string[]> =>
    ((await cloud.dynamodb().send(new ScanCommand({ TableName: TABLE_NAME }))).Items ?? []).map(
      (item) => item.Body?.S ?? '',
    );

  it('lets a page on another origin POST JSON with an allowed custom header after its preflight, and the function stores it', async () => {
    const page = await pool.at(`http://localhost:${pages.port}/`);

    const outcome = await pageFetch(page, `${cloud.apiUrl}/from-browser`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'browser-key' },
      body: JSON.stringify({ from: 'browser' }),
    });

    expect(outcome).toMatchObject({ kind: 'response', status: 200, type: 'cors' });
    expect(outcome.kind === 'response' && JSON.parse(outcome.body).message).toBe(
      'Request processed successfully',
    );
    expect(await storedBodies()).toContain('{"from":"browser"}');
  });

  it('blocks a header the configuration does not allow before the request reaches the function', async () => {
    const page = await pool.at(`http://localhost:${pages.port}/`);

    const outcome = await pageFetch(page, `${cloud.apiUrl}/from-browser`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-custom-secret': 'nope' },
      body: JSON.stringify({ from: 'blocked' }),
    });

    expect(outcome).toMatchObject({ kind: 'error', name: 'TypeError' });
    expect(await storedBodies()).not.toContain('{"from":"blocked"}');
  });
});
