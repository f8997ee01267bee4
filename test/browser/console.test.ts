/**
 * The local console in real Chromium against a whole local cloud on a virtual clock: live views
 * (a POST in Requests with its detail and log lines, a live log line, a growing metric graph), a
 * failed scheduled event in Dead letters redriven from the page while the DLQ alarm goes ALARM then
 * OK, cross-origin pages refused, every view checked with axe-core and saved as a screenshot.
 */
import { request as httpRequest } from 'node:http';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleServer } from '../../engine/src/console/index.ts';
import { VirtualClock } from '../../engine/src/index.ts';
import {
  committedTemplate,
  type LocalCloud,
  postJson,
  STACK_NAME,
  startLocalCloud,
  TABLE_NAME,
} from '../support/local-cloud.fixture.ts';
import { storedRequestItem } from '../support/stored-request.fixture.ts';
import {
  brokenTableTemplate,
  DAY,
  MINUTE,
  readQueue,
  reportCount,
  scheduledItems,
  waitFor,
  waitForReports,
} from '../support/virtual-time.fixture.ts';
import { checkChromium, launchChromium, type PageServer, startPageServer } from './browser.fixture.ts';
import { recordRequests, runAxe, screenshot, serious } from './console.fixture.ts';
import { PagePool, pageFetch } from './page-fetch.fixture.ts';

const chromiumCheck = checkChromium();
if (!chromiumCheck.run) console.warn(`[test/browser] SKIPPED: ${chromiumCheck.reason}`);

const WAIT = 10_000;

describe.skipIf(!chromiumCheck.run)('the local console in a browser', () => {
  const clock = new VirtualClock(Date.UTC(2026, 2, 1, 9, 0));
  let cloud: LocalCloud;
  let consoleUrl: string;
  let consoleServer: ConsoleServer;
  let pages: PageServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pool: PagePool;
  let requested: string[];
  let cloudwatch: CloudWatchClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({ clock });
    ({ url: consoleUrl, server: consoleServer } = cloud.engine.serveConsole(STACK_NAME));
    pages = await startPageServer();
    browser = await launchChromium(pages.port);
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(WAIT);
    page = await context.newPage();
    requested = recordRequests(page);
    pool = await PagePool.open(browser);
    cloudwatch = new CloudWatchClient(cloud.clientConfig);
  });
  afterAll(async () => {
    cloudwatch?.destroy();
    await pool?.close();
    await context?.close();
    await browser?.close();
    await pages?.close();
    await cloud?.dispose();
  });

  const view = async (name: string) => {
    await page.goto(`${consoleUrl}#/${name}`);
    await page.waitForSelector(`main[data-view="${name}"] h1`);
  };
  const advanceMinutes = async (minutes: number) => {
    for (let i = 0; i < minutes; i++) {
      await clock.advance(MINUTE);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const dlqAlarm = async () =>
    (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [`${STACK_NAME}-dlq-messages`] })))
      .MetricAlarms?.[0]?.StateValue;

  it('shows a POST in Requests within 2 s with its stored fields and log lines, tails it in Logs and grows the metric graph', async () => {
    await view('requests');
    await page.waitForSelector('.count:has-text("requests")');

    const first = await postJson(
      `${cloud.apiUrl}/orders?via=console`,
      { hello: 'console' },
      { 'x-api-key': 'sekrit' },
    );
    const requestId = String(first.json?.requestId);
    expect(first.status).toBe(200);
    // The list is live: the row arrives through the stream, without reloading.
    await page.waitForSelector(`.vrow[data-id="${requestId}"]`, { timeout: 2_000 });
    await page.waitForSelector(`.vrow[data-id="${requestId}"][data-status="200"]`);
    await page.click(`.vrow[data-id="${requestId}"]`);

    await page.waitForSelector('[data-testid="access-line"]');
    expect(await page.textContent('[data-field="RequestId"]')).toBe(requestId);
    expect(await page.textContent('[data-field="Path"]')).toBe('/orders');
    expect(await page.textContent('[data-field="QueryString"]')).toBe('via=console');
    const detail = await page.textContent('.detail');
    expect(detail).toMatch(/x-api-key\s*\[REDACTED\]/);
    expect(detail).not.toContain('sekrit');
    expect(await page.textContent('[data-testid="body"]')).toBe('{\n  "hello": "console"\n}');
    expect(await page.textContent('[data-testid="access-line"]')).toContain(`"requestId": "${requestId}"`);
    expect(await page.textContent('[data-testid="function-lines"]')).toContain('platform.report');

    // Keyboard: the list takes focus and arrows move the selection.
    await page.focus('.vlist');
    await page.keyboard.press('Home');
    expect(await page.getAttribute('.vrow[aria-selected="true"]', 'data-id')).toBeTruthy();

    // The live row got its status from the page's lookup of the rows in view. A status filter
    // reopens the stream with every status, and rows arriving live then come with theirs.
    await page.fill('#f-status', '5xx');
    await page.waitForSelector(`.vrow:not([hidden])[data-id="${requestId}"]`, { state: 'detached' });
    await page.waitForSelector('.count:has-text("of")');
    await page.fill('#f-status', '2xx');
    await page.waitForSelector(`.vrow:not([hidden])[data-id="${requestId}"][data-status="200"]`);
    const whileFiltering = String((await postJson(`${cloud.apiUrl}/filtered`, { n: 1 })).json?.requestId);
    await page.waitForSelector(`.vrow:not([hidden])[data-id="${whileFiltering}"][data-status="200"]`);
    await page.fill('#f-status', '');

    await view('logs');
    await page.waitForSelector(`.log li:has-text("${requestId}")`);
    const second = await postJson(`${cloud.apiUrl}/live-tail-marker`, { n: 2 });
    await page.waitForSelector(`.log li:has-text("${String(second.json?.requestId)}")`);
    // The filter is FilterLogEvents' own pattern syntax, applied by the logs service.
    await page.fill('#log-filter', '"live-tail-marker"');
    await page.click('button:has-text("Apply")');
    await page.waitForSelector('.log li:has-text("live-tail-marker")');
    const filtered = await page.$$eval('.log li', (items) => items.map((li) => li.textContent ?? ''));
    expect(filtered.length).toBeGreaterThan(0);
    for (const line of filtered) expect(line).toContain('live-tail-marker');

    await view('metrics');
    const points = async () =>
      Number(await page.getAttribute('figure[data-graph="api-requests"]', 'data-points', { timeout: WAIT }));
    await page.waitForSelector('figure[data-graph="api-requests"][data-points]');
    const before = await points();
    expect(before).toBeGreaterThan(0);
    await clock.advance(MINUTE);
    await postJson(`${cloud.apiUrl}/orders`, { n: 3 });
    await waitFor('another point on the API requests graph', async () =>
      (await points()) > before ? true : undefined,
    );
    expect(
      await page.$$eval('figure[data-graph="api-5xx"] .u-legend th', (th) => th.map((t) => t.textContent)),
    ).toEqual(expect.arrayContaining([expect.stringContaining('threshold (10)')]));
    // Latency is drawn as CloudWatch's p50 and p99 (GetMetricData percentile statistics), with data.
    expect(
      await page.$$eval('figure[data-graph="api-latency"] .u-legend th', (th) =>
        th.map((t) => t.textContent),
      ),
    ).toEqual(expect.arrayContaining([expect.stringContaining('p50'), expect.stringContaining('p99')]));
    expect(
      Number(await page.getAttribute('figure[data-graph="api-latency"]', 'data-points')),
    ).toBeGreaterThan(0);
  });

  it("shows in each of two concurrent requests' panels only that request's function log lines", async () => {
    await view('requests');
    // Same virtual instant, in flight together: only the ids can tell their log lines apart.
    const replies = await Promise.all([
      postJson(`${cloud.apiUrl}/concurrent-a`, { n: 'a' }),
      postJson(`${cloud.apiUrl}/concurrent-b`, { n: 'b' }),
    ]);
    const panels: { apiId: string; lambdaId: string; lines: string[] }[] = [];
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      const apiId = String(reply.json?.requestId);
      await page.waitForSelector(`.vrow[data-id="${apiId}"][data-status="200"]`);
      await page.click(`.vrow[data-id="${apiId}"]`);
      await page.waitForSelector(`[data-field="RequestId"]:text-is("${apiId}")`);
      const access = JSON.parse((await page.textContent('[data-testid="access-line"]')) ?? '{}') as {
        requestId?: string;
        integrationRequestId?: string;
      };
      expect(access.requestId).toBe(apiId);
      const lambdaId = String(access.integrationRequestId);
      expect(lambdaId).toMatch(/^[0-9a-f-]{36}$/);
      const lines = await page.$$eval('[data-testid="function-lines"] li', (items) =>
        items.map((li) => li.textContent ?? ''),
      );
      panels.push({ apiId, lambdaId, lines });
    }
    const [a, b] = panels;
    if (!a || !b) throw new Error('two panels expected');
    expect(a.lambdaId).not.toBe(b.lambdaId);
    for (const [own, other] of [
      [a, b],
      [b, a],
    ] as const) {
      expect(own.lines.join('\n')).toContain('platform.start');
      expect(own.lines.join('\n')).toContain('platform.report');
      for (const line of own.lines) {
        expect(line.includes(own.lambdaId) || line.includes(own.apiId)).toBe(true);
        expect(line).not.toContain(other.lambdaId);
        expect(line).not.toContain(other.apiId);
      }
    }
  });

  it('shows a failed scheduled event in Dead letters, refuses cross-origin actions, redrives it from the page, and the DLQ alarm goes ALARM then OK', async () => {
    const queueUrl = cloud.output('DeadLetterQueueUrl');
    await cloud.engine.deploy({
      stackName: STACK_NAME,
      templateBody: JSON.stringify(brokenTableTemplate()),
      parameters: { EnvironmentSuffix: 'dev' },
    });
    const base = await reportCount(cloud);
    await clock.advance(DAY);
    await waitForReports(cloud, base + 1);
    await clock.advance(MINUTE);
    await waitForReports(cloud, base + 2);
    await clock.advance(2 * MINUTE);
    await waitForReports(cloud, base + 3);
    await waitFor('the dead letter', async () =>
      (await readQueue(cloud, queueUrl)).length === 1 ? true : undefined,
    );

    await view('dead-letters');
    const letter = await page.waitForSelector('article[data-message]');
    const text = (await letter.textContent()) ?? '';
    expect(text).toContain('RequestID');
    expect(text).toContain('ErrorCode');
    expect(text).toMatch(/ErrorMessage.*not authorized/);
    expect(serious(await runAxe(page))).toEqual([]);
    await screenshot(page, 'dead-letters-with-message');

    await advanceMinutes(10);
    await waitFor('the DLQ alarm in ALARM', async () => ((await dlqAlarm()) === 'ALARM' ? true : undefined));

    // A page on another site, even holding the token, can change nothing.
    const token = String(await page.getAttribute('meta[name="console-token"]', 'content'));
    const attacker = await pool.at('http://evil.example/');
    const reportsBefore = await reportCount(cloud);
    for (const action of ['dlq/redrive', 'dlq/purge', 'schedule/trigger']) {
      const body = JSON.stringify({
        confirm: 'serverless-infrastructure-dlq',
        rule: `${STACK_NAME}-daily-schedule`,
      });
      const cors = await pageFetch(attacker, `${consoleUrl}api/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-console-token': token },
        body,
      });
      expect(cors).toMatchObject({ kind: 'error', name: 'TypeError' });
      const simple = await pageFetch(attacker, `${consoleUrl}api/${action}`, {
        method: 'POST',
        mode: 'no-cors',
        headers: { 'content-type': 'text/plain' },
        body,
      });
      // Refused by the endpoint's Origin rule before the console sees it: the page gets an opaque
      // answer (no status, no body) and, checked below, nothing changed.
      expect(simple).toMatchObject({ kind: 'response', type: 'opaque', status: 0 });
      // Outside a browser: a foreign Origin, or a rebound Host, is refused even with the token.
      expect(await rawPost(consoleUrl, action, { origin: 'http://evil.example', token }, body)).toBe(403);
      expect(await rawPost(consoleUrl, action, { host: 'evil.example', token }, body)).toBe(421);
      expect(await rawPost(consoleUrl, action, { token: 'wrong' }, body)).toBe(403);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await readQueue(cloud, queueUrl)).toHaveLength(1);
    expect(await reportCount(cloud)).toBe(reportsBefore);

    // Fix the function, then redrive from the page.
    await cloud.engine.deploy({
      stackName: STACK_NAME,
      templateBody: JSON.stringify(committedTemplate()),
      parameters: { EnvironmentSuffix: 'dev' },
    });
    await page.click('button:has-text("Redrive all")');
    await page.waitForSelector('main p[role="status"]:has-text("Redriven 1; 0 failed")');
    const stored = await waitFor('the redriven event stored', async () => {
      const items = await scheduledItems(cloud);
      return items.length === 1 ? items : undefined;
    });
    expect(stored[0]).toMatchObject({ Source: 'EventBridge Scheduled Event' });
    await page.waitForSelector('p[data-depth="0"]');
    await page.waitForSelector('.messages .empty');
    expect(await readQueue(cloud, queueUrl)).toEqual([]);

    await advanceMinutes(10);
    await waitFor('the DLQ alarm back to OK', async () => ((await dlqAlarm()) === 'OK' ? true : undefined));
    await view('alarms');
    const timeline = await page.waitForSelector(
      `article[data-alarm="${STACK_NAME}-dlq-messages"] .timeline li[data-to="OK"]`,
    );
    expect(timeline).toBeTruthy();
    const states = await page.$$eval(
      `article[data-alarm="${STACK_NAME}-dlq-messages"] .timeline li`,
      (items) => items.map((li) => li.getAttribute('data-to')),
    );
    expect(states.lastIndexOf('OK')).toBeGreaterThan(states.indexOf('ALARM'));
    expect(states.indexOf('ALARM')).toBeGreaterThanOrEqual(0);
    expect(await page.textContent(`article[data-alarm="${STACK_NAME}-dlq-messages"]`)).toContain(
      'SNS deliveries',
    );
  });

  it('fires the schedule from the page, passes axe with no serious violation on every view, and never leaves 127.0.0.1', async () => {
    await view('schedule');
    await page.waitForSelector('[data-next-fire]');
    const before = (await scheduledItems(cloud)).length;
    await page.click('button:has-text("Trigger now")');
    await page.waitForSelector('main p[role="status"]:has-text("Fired")');
    await waitFor('the triggered event stored', async () =>
      (await scheduledItems(cloud)).length === before + 1 ? true : undefined,
    );

    // Purge asks for the queue's name first; a wrong name purges nothing.
    const queueUrl = cloud.output('DeadLetterQueueUrl');
    await cloud.sqs().send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"purge":"me"}' }));
    await view('dead-letters');
    await page.waitForSelector('article[data-message]');
    await page.click('button:has-text("Purge…")');
    await page.fill('#purge-confirm', 'not-the-queue');
    await page.click('dialog button.danger');
    await page.waitForSelector('main p[role="status"]:has-text("Not purged")');
    expect(await readQueue(cloud, queueUrl)).toHaveLength(1);
    await page.fill('#purge-confirm', `${STACK_NAME}-dlq`);
    await page.click('dialog button.danger');
    await page.waitForSelector(`main p[role="status"]:has-text("Purged ${STACK_NAME}-dlq")`);
    expect(await readQueue(cloud, queueUrl)).toEqual([]);

    const ready: Record<string, string> = {
      stack: 'table caption:has-text("Resources")',
      requests: '.vrow',
      logs: '.log li',
      metrics: 'figure[data-points]',
      alarms: 'article[data-alarm]',
      'dead-letters': '.messages .empty',
      schedule: '[data-next-fire]',
    };
    for (const path of ['/orders', '/orders/42', '/missing'])
      await postJson(`${cloud.apiUrl}${path}`, { path });
    const problems: Record<string, unknown> = {};
    for (const [name, selector] of Object.entries(ready)) {
      await view(name);
      await page.waitForSelector(selector).catch((error: Error) => {
        throw new Error(`view ${name} never showed ${selector}: ${error.message}`);
      });
      if (name === 'requests') {
        await page.click('.vrow[data-status="200"]');
        await page.waitForSelector('[data-testid="access-line"]');
      }
      const found = serious(await runAxe(page));
      if (found.length > 0) problems[name] = found;
      await screenshot(page, name);
    }
    expect(problems).toEqual({});

    // A body too big for the item is archived in S3; the detail panel links to it through the console.
    const big = { big: 'x'.repeat(400_000) };
    const archived = await postJson(`${cloud.apiUrl}/big`, big);
    expect(archived.status).toBe(200);
    await view('requests');
    await page.click(`.vrow[data-id="${String(archived.json?.requestId)}"]`, { timeout: WAIT });
    const link = await page.waitForSelector('.detail a[download]');
    expect(await link.textContent()).toMatch(/^s3:\/\/.+\/request-bodies\//);
    const download = await pageFetch(page, String(await link.getAttribute('href')));
    expect(download).toMatchObject({ kind: 'response', status: 200, body: JSON.stringify(big) });

    const hosts = new Set(requested.map((url) => new URL(url).host.replace(/:\d+$/, '')));
    expect([...hosts]).toEqual(['127.0.0.1']);
  });

  it('stops reading for a tab left in the background and shows what came meanwhile when it is looked at again', async () => {
    await view('requests');
    await page.waitForSelector('.count:has-text("requests")');
    await waitFor('the Requests feed running', async () =>
      consoleServer.feeds.size === 1 ? true : undefined,
    );
    const setVisibility = (state: 'hidden' | 'visible') =>
      page.evaluate((value) => {
        // The test's TypeScript has no DOM types; in the page, globalThis is the window.
        const doc = (globalThis as unknown as { document: object & { dispatchEvent(e: unknown): void } })
          .document;
        Object.defineProperty(doc, 'visibilityState', { configurable: true, get: () => value });
        doc.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility('hidden');
    // After the grace period the page closes its stream, and the shared feed, with no tab left, stops.
    await waitFor('the stream closed', async () => (consoleServer.openStreams === 0 ? true : undefined));
    await waitFor('the feed stopped', async () => (consoleServer.feeds.size === 0 ? true : undefined));
    const meanwhile = await postJson(`${cloud.apiUrl}/while-hidden`, { hidden: true });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(consoleServer.feeds.size).toBe(0);
    expect(consoleServer.openStreams).toBe(0);

    await setVisibility('visible');
    await page.waitForSelector(`.vrow[data-id="${String(meanwhile.json?.requestId)}"]`);
    expect(consoleServer.openStreams).toBe(1);
  });

  it('looks up statuses only for rows that came live, never for a stored row whose access line does not exist', async () => {
    // Stored while no Requests view is open, as the function stores an API request, but never
    // answered through the API: no access line. The view's first read then finds it without one.
    await view('stack');
    const orphan = `orphan-${clock.now().toString(36)}`;
    await cloud.dynamodb().send(
      new PutItemCommand({
        TableName: TABLE_NAME,
        Item: storedRequestItem(orphan, clock.now(), '/orphan'),
      }),
    );
    await view('requests');
    await page.waitForSelector(`.vrow:not([hidden])[data-id="${orphan}"]`);
    const live = String((await postJson(`${cloud.apiUrl}/live-lookup`, { n: 1 })).json?.requestId);
    await page.waitForSelector(`.vrow[data-id="${live}"][data-status="200"]`);
    // Lookups come at most once a second; give the page time for several.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const asked = requested
      .filter((url) => url.includes('/api/statuses?'))
      .flatMap((url) => new URL(url).searchParams.get('ids')?.split(',') ?? []);
    expect(asked).toContain(live);
    expect(asked).not.toContain(orphan);
    expect(await page.getAttribute(`.vrow[data-id="${orphan}"]`, 'data-status')).toBe('0');
  });
});

/** A JSON POST to a console action outside any browser, with chosen Origin/Host/token; resolves with the status. */
function rawPost(
  consoleUrl: string,
  action: string,
  how: { origin?: string; host?: string; token: string },
  body: string,
): Promise<number> {
  const url = new URL(`api/${action}`, consoleUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-console-token': how.token,
          host: how.host ?? url.host,
          origin: how.origin ?? url.origin,
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
