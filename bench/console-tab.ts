/**
 * `npm run bench -- --console-tab`: keeps one headless Chromium tab on the console's live Requests
 * view while the engine is loaded, to measure what a watching console costs the request path.
 */
import { chromium } from 'playwright-core';

export async function openConsoleTab(endpointUrl: string): Promise<() => Promise<void>> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage();
  await page.goto(`${endpointUrl}/_console/#/requests`);
  await page.waitForSelector('.count:has-text("requests")', { timeout: 30_000 });
  return async () => {
    const shown = await page.textContent('.count');
    console.log(`  console tab showed: ${shown}`);
    await browser.close();
  };
}
