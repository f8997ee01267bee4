import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Every browser-side wait is bounded by this (navigation, fetch, Playwright actions). */
export const WAIT_MS = 5_000;

/** What the page's `fetch` ended with, as plain data the test can inspect. */
export type FetchOutcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      /** `basic`, `cors` or `opaque` (Fetch standard response types). */
      readonly type: string;
      readonly body: string;
      readonly contentType: string | null;
    }
  | { readonly kind: 'error'; readonly name: string; readonly message: string };

/** The subset of RequestInit the suite passes into the page (it must survive serialization). */
export interface PageFetchInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly credentials?: 'omit' | 'same-origin' | 'include';
  readonly mode?: 'cors' | 'no-cors' | 'same-origin';
}

/** A fresh browser context (no cookies, no preflight cache) with one page navigated to `pageUrl`. */
export const openPage = async (
  browser: Browser,
  pageUrl: string,
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext();
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  try {
    const page = await context.newPage();
    const response = await page.goto(pageUrl, { timeout: WAIT_MS });
    if (!response?.ok()) throw new Error(`page ${pageUrl} did not load: ${response?.status()}`);
    return { context, page };
  } catch (error) {
    await context.close();
    throw error;
  }
};

/**
 * Runs `fetch(url, init)` inside the page, so the browser's own CORS checks apply. A request the
 * browser blocks rejects with `TypeError: Failed to fetch`; a stuck one aborts as `TimeoutError`.
 */
export const pageFetch = (page: Page, url: string, init: PageFetchInit = {}): Promise<FetchOutcome> =>
  page.evaluate(
    async ({ url, init, timeoutMs }): Promise<FetchOutcome> => {
      try {
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        return {
          kind: 'response',
          status: response.status,
          type: response.type,
          body: await response.text(),
          contentType: response.headers.get('content-type'),
        };
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        return { kind: 'error', name: e.name, message: e.message };
      }
    },
    { url, init, timeoutMs: WAIT_MS },
  );
