import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CorsConfiguration } from '../../engine/src/index.ts';
import { type ApiUnderTest, SUCCESS_MESSAGE, startApiUnderTest } from './api-under-test.fixture.ts';
import {
  API_HOST,
  checkChromium,
  launchChromium,
  type PageServer,
  startPageServer,
} from './browser.fixture.ts';
import { PagePool, pageFetch, WAIT_MS } from './page-fetch.fixture.ts';

/**
 * CORS of the local HTTP API as a real browser enforces it: pages on another origin call the API
 * with `fetch`, and chromium decides (preflight, blocking) exactly as it would against AWS.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 */

/** lib/TapStack.json's HttpApi CorsConfiguration. */
const STACK_CORS: CorsConfiguration = {
  AllowOrigins: ['*'],
  AllowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  AllowHeaders: ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token'],
  MaxAge: 86400,
};
const ALLOWED_ORIGIN = 'http://allowed.example';
const OTHER_ORIGIN = 'http://evil.example';
const ONLY_ALLOWED_ORIGIN: CorsConfiguration = { ...STACK_CORS, AllowOrigins: [ALLOWED_ORIGIN] };

const JSON_POST = {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-api-key': 'browser-test-key' },
  body: JSON.stringify({ hello: 'browser' }),
};

const chromiumCheck = checkChromium();
if (!chromiumCheck.run && !chromiumCheck.fail)
  console.warn(`[test/browser] SKIPPED: ${chromiumCheck.reason}`);

it.runIf(!chromiumCheck.run && chromiumCheck.fail)('has chromium installed when CI=true', () => {
  if (!chromiumCheck.run) throw new Error(chromiumCheck.reason);
});

describe.skipIf(!chromiumCheck.run)('HTTP API CORS in a real browser', () => {
  let pages: PageServer;
  let browser: Browser;
  let pool: PagePool;
  /** A cross-origin page for the `*` configurations: localhost:<page port> calling 127.0.0.1:<api port>. */
  let localPage: string;
  const cleanups: Array<() => Promise<void>> = [];

  const startApi = async (cors: CorsConfiguration | undefined): Promise<ApiUnderTest> => {
    const api = await startApiUnderTest({ cors });
    cleanups.push(() => api.close());
    return api;
  };
  const pageAt = (pageUrl: string) => pool.at(pageUrl);

  beforeAll(async () => {
    pages = await startPageServer();
    localPage = `http://localhost:${pages.port}/`;
    browser = await launchChromium(pages.port);
    pool = await PagePool.open(browser);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await pool.reset([new URL(localPage).origin, ALLOWED_ORIGIN, OTHER_ORIGIN]);
  });
  afterAll(async () => {
    await pool?.close();
    await browser?.close();
    await pages?.close();
  });

  describe("with the stack's CorsConfiguration (AllowOrigins *)", () => {
    it('preflights a cross-origin JSON POST with x-api-key, answers the preflight without the function, and lets the page read the JSON', async () => {
      // Prepare
      const api = await startApi(STACK_CORS);
      const page = await pageAt(localPage);

      // Act
      const outcome = await pageFetch(page, `${api.url}/requests`, JSON_POST);

      // Assess
      expect(outcome).toMatchObject({ kind: 'response', status: 200, type: 'cors' });
      if (outcome.kind !== 'response') return;
      expect(outcome.contentType).toBe('application/json');
      expect(JSON.parse(outcome.body)).toMatchObject({
        message: SUCCESS_MESSAGE,
        requestId: expect.any(String),
      });
      expect(await api.requests()).toEqual([
        { method: 'OPTIONS', path: '/requests', status: 204 },
        { method: 'POST', path: '/requests', status: 200 },
      ]);
      const invocations = await api.invocations();
      expect(invocations.map((i) => `${i.method} ${i.path}`)).toEqual(['POST /requests']);
      expect(invocations[0]?.headerNames).toEqual(
        expect.arrayContaining(['x-api-key', 'content-type', 'origin']),
      );
    });

    it('caches the preflight for MaxAge, so a repeated request goes out without a new OPTIONS', async () => {
      // Prepare
      const api = await startApi(STACK_CORS);
      const page = await pageAt(localPage);
      await pageFetch(page, `${api.url}/requests`, JSON_POST);

      // Act
      const again = await pageFetch(page, `${api.url}/requests`, JSON_POST);

      // Assess
      expect(again).toMatchObject({ kind: 'response', status: 200 });
      expect((await api.requests()).map((r) => r.method)).toEqual(['OPTIONS', 'POST', 'POST']);
      expect(await api.invocations()).toHaveLength(2);
    });

    it.each(['PUT', 'DELETE'])('lets a cross-origin %s through after its preflight', async (method) => {
      // Prepare
      const api = await startApi(STACK_CORS);
      const page = await pageAt(localPage);

      // Act
      const outcome = await pageFetch(page, `${api.url}/requests/1`, { ...JSON_POST, method });

      // Assess
      expect(outcome).toMatchObject({ kind: 'response', status: 200 });
      expect((await api.requests()).map((r) => `${r.method} ${r.status}`)).toEqual([
        'OPTIONS 204',
        `${method} 200`,
      ]);
    });

    it.each([
      [
        'a header outside AllowHeaders',
        { ...JSON_POST, headers: { ...JSON_POST.headers, 'x-custom-secret': 's' } },
      ],
      ['a method outside AllowMethods', { ...JSON_POST, method: 'PATCH' }],
    ])(
      'blocks a request with %s after the preflight, and never invokes the function',
      async (_what, init) => {
        // Prepare
        const api = await startApi(STACK_CORS);
        const page = await pageAt(localPage);

        // Act
        const outcome = await pageFetch(page, `${api.url}/requests`, init);

        // Assess
        expect(outcome).toEqual({ kind: 'error', name: 'TypeError', message: 'Failed to fetch' });
        expect(await api.requests()).toEqual([{ method: 'OPTIONS', path: '/requests', status: 204 }]);
        expect(await api.invocations()).toEqual([]);
      },
    );

    it('blocks a credentialed request, since * cannot allow credentials', async () => {
      // Prepare
      const api = await startApi(STACK_CORS);
      const page = await pageAt(localPage);

      // Act
      const outcome = await pageFetch(page, `${api.url}/requests`, { ...JSON_POST, credentials: 'include' });

      // Assess
      expect(outcome).toMatchObject({ kind: 'error', name: 'TypeError' });
      expect((await api.requests()).map((r) => r.method)).toEqual(['OPTIONS']);
      expect(await api.invocations()).toEqual([]);
    });
  });

  describe(`with AllowOrigins ['${ALLOWED_ORIGIN}']`, () => {
    it('lets a page on the allowed origin send a preflighted POST and read the answer', async () => {
      // Prepare
      const api = await startApi(ONLY_ALLOWED_ORIGIN);
      const page = await pageAt(`${ALLOWED_ORIGIN}/`);

      // Act
      const outcome = await pageFetch(page, `${api.url}/requests`, JSON_POST);

      // Assess
      expect(outcome).toMatchObject({ kind: 'response', status: 200, type: 'cors' });
      expect((await api.invocations()).map((i) => i.method)).toEqual(['POST']);
    });

    it('blocks a preflighted POST from another origin before it reaches the function', async () => {
      // Prepare
      const api = await startApi(ONLY_ALLOWED_ORIGIN);
      const page = await pageAt(`${OTHER_ORIGIN}/`);

      // Act
      const outcome = await pageFetch(page, `${api.url}/requests`, JSON_POST);

      // Assess
      expect(outcome).toEqual({ kind: 'error', name: 'TypeError', message: 'Failed to fetch' });
      expect(await api.requests()).toEqual([{ method: 'OPTIONS', path: '/requests', status: 204 }]);
      expect(await api.invocations()).toEqual([]);
    });

    it('runs a simple GET from another origin (no preflight) but hides the answer from the page', async () => {
      // Prepare
      const api = await startApi(ONLY_ALLOWED_ORIGIN);
      const page = await pageAt(`${OTHER_ORIGIN}/`);

      // Act
      const outcome = await pageFetch(page, `${api.url}/requests`);

      // Assess
      expect(outcome).toEqual({ kind: 'error', name: 'TypeError', message: 'Failed to fetch' });
      expect(await api.requests()).toEqual([{ method: 'GET', path: '/requests', status: 200 }]);
      expect((await api.invocations()).map((i) => i.method)).toEqual(['GET']);
    });

    it('with AllowCredentials, echoes the origin and lets a credentialed fetch carry its cookie', async () => {
      // Prepare: the API on a same-site host, so the browser may send its (SameSite=Lax) cookie.
      const api = await startApi({ ...ONLY_ALLOWED_ORIGIN, AllowCredentials: true });
      const apiUrl = api.url.replace('127.0.0.1', API_HOST);
      const page = await pageAt(`${ALLOWED_ORIGIN}/`);
      await page.context().addCookies([{ name: 'session', value: 'abc', url: apiUrl }]);
      const post = page.waitForResponse((r) => r.request().method() === 'POST', { timeout: WAIT_MS });

      // Act
      const outcome = await pageFetch(page, `${apiUrl}/requests`, { ...JSON_POST, credentials: 'include' });

      // Assess
      expect(outcome).toMatchObject({ kind: 'response', status: 200, type: 'cors' });
      const headers = await (await post).allHeaders();
      expect(headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(headers['access-control-allow-credentials']).toBe('true');
      expect((await api.requests()).map((r) => r.method)).toEqual(['OPTIONS', 'POST']);
      expect((await api.invocations()).map((i) => i.cookieNames)).toEqual([['session']]);
    });
  });

  describe('without a CorsConfiguration', () => {
    it('routes the preflight to the function like any OPTIONS request, adds no CORS headers, and the browser never sends the POST', async () => {
      // Prepare
      const api = await startApi(undefined);
      const page = await pageAt(localPage);

      // Act
      const outcome = await pageFetch(page, `${api.url}/requests`, JSON_POST);

      // Assess
      expect(outcome).toEqual({ kind: 'error', name: 'TypeError', message: 'Failed to fetch' });
      expect(await api.requests()).toEqual([{ method: 'OPTIONS', path: '/requests', status: 200 }]);
      expect((await api.invocations()).map((i) => i.method)).toEqual(['OPTIONS']);
    });

    it('hides the answer to a simple cross-origin GET that the function did answer', async () => {
      // Prepare
      const api = await startApi(undefined);
      const page = await pageAt(localPage);

      // Act
      const outcome = await pageFetch(page, `${api.url}/requests`);

      // Assess
      expect(outcome).toEqual({ kind: 'error', name: 'TypeError', message: 'Failed to fetch' });
      expect(await api.requests()).toEqual([{ method: 'GET', path: '/requests', status: 200 }]);
    });

    it('answers a no-cors request with an opaque response and a same-origin page in full', async () => {
      // Prepare
      const api = await startApi(undefined);
      const crossOrigin = await pageAt(localPage);
      const sameOrigin = await pageAt(`${api.url}/app`);

      // Act
      const opaque = await pageFetch(crossOrigin, `${api.url}/no-cors`, { mode: 'no-cors' });
      const own = await pageFetch(sameOrigin, '/same-origin', JSON_POST);

      // Assess
      expect(opaque).toMatchObject({ kind: 'response', type: 'opaque', status: 0, body: '' });
      expect(own).toMatchObject({ kind: 'response', type: 'basic', status: 200 });
      if (own.kind === 'response') expect(JSON.parse(own.body)).toMatchObject({ message: SUCCESS_MESSAGE });
      const seen = (await api.invocations()).map((i) => `${i.method} ${i.path}`);
      expect(seen).toEqual(expect.arrayContaining(['GET /app', 'GET /no-cors', 'POST /same-origin']));
    });
  });
});
