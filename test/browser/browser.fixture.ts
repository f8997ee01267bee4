import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';

/**
 * Real-browser plumbing for the CORS suite: Debian's chromium driven by playwright-core (no
 * Playwright browser download), and a tiny page server that gives the page an origin other than
 * the API's. Installation: scripts/ensure-chromium.sh.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Host names the browser resolves to the page server, so pages can have exact, port-less origins. */
export const PAGE_HOSTS = ['allowed.example', 'evil.example'] as const;

/** A host name the browser resolves to 127.0.0.1 keeping the URL's port: a same-site API host. */
export const API_HOST = 'api.allowed.example';

export type ChromiumCheck =
  | { readonly run: true }
  | { readonly run: false; readonly fail: boolean; readonly reason: string };

/** Without chromium the suite fails on CI (`CI=true`) and is skipped, loudly, everywhere else. */
export const checkChromium = (
  env: NodeJS.ProcessEnv = process.env,
  executablePath: string = CHROMIUM_PATH,
): ChromiumCheck => {
  if (existsSync(executablePath)) return { run: true };
  return {
    run: false,
    fail: env.CI === 'true',
    reason: `${executablePath} is missing, so the browser CORS tests were NOT RUN; install it with scripts/ensure-chromium.sh`,
  };
};

/** A static page server on 127.0.0.1 answering every path and host with an empty HTML page. */
export interface PageServer {
  readonly port: number;
  close(): Promise<void>;
}

export const startPageServer = async (): Promise<PageServer> => {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><html><head><title>page</title></head><body>page</body></html>');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

/**
 * Launches headless chromium with a fresh temporary profile. `--host-resolver-rules` maps the
 * PAGE_HOSTS (port 80) to the page server on 127.0.0.1, so every connection stays on loopback and
 * both pages and API share the loopback address space (no Private Network Access checks apply).
 */
export const launchChromium = (pagePort: number): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    timeout: 15_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=${[
        ...PAGE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${pagePort}`),
        `MAP ${API_HOST} 127.0.0.1`,
      ].join(', ')}`,
    ],
  });
