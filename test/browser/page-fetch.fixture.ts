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

/**
 * Pages for the suite, all in ONE fresh browser context (empty profile, no cookies), one page per
 * origin reused across tests: opening a page starts a renderer, which dominates the suite's time.
 * Tests stay independent because each starts its own API on a new port, so preflight-cache
 * entries (keyed by origin and URL) never carry over; `reset()` drops cookies between tests.
 */
export class PagePool {
  private readonly pages = new Map<string, Page>();

  private constructor(private readonly context: BrowserContext) {}

  static async open(browser: Browser): Promise<PagePool> {
    const context = await browser.newContext();
    context.setDefaultTimeout(WAIT_MS);
    context.setDefaultNavigationTimeout(WAIT_MS);
    return new PagePool(context);
  }

  /** A page showing a freshly loaded `pageUrl` (its origin is the page's origin for CORS). */
  async at(pageUrl: string): Promise<Page> {
    const origin = new URL(pageUrl).origin;
    let page = this.pages.get(origin);
    if (!page || page.isClosed()) {
      page = await this.context.newPage();
      this.pages.set(origin, page);
    }
    const response = await page.goto(pageUrl, { timeout: WAIT_MS });
    if (!response?.ok()) throw new Error(`page ${pageUrl} did not load: ${response?.status()}`);
    return page;
  }

  /** Forgets cookies and closes pages of one-off origins (an API's own origin). */
  async reset(keepOrigins: readonly string[]): Promise<void> {
    await this.context.clearCookies();
    for (const [origin, page] of this.pages) {
      if (keepOrigins.includes(origin)) continue;
      this.pages.delete(origin);
      await page.close();
    }
  }

  async close(): Promise<void> {
    this.pages.clear();
    await this.context.close();
  }
}

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
