/**
 * `npm run bench -- --only console-render [--rows 100000]` (or `npx tsx bench/console-render.ts
 * [--rows 100000]`): time to first render of each console view
 * with that many stored requests (and their access-log lines) spread evenly over the last hour. Seeds through the
 * engine's own AWS operations (BatchWriteItem, PutLogEvents), opens each view in headless Chromium
 * and times navigation until the view shows its data. Everything stays on 127.0.0.1.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { chromium } from 'playwright-core';
import { queryRequests } from '../cli/src/aws/query-requests.ts';
import { Engine } from '../engine/src/index.ts';
import { timeShardOf } from '../functions/request-processor/src/time-shard.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const rows = Number(values.rows);
const WAIT_MS = 10 * 60_000;

/** The console's files as served, raw and gzip-compressed (what a page transfers compressed). */
function bundleSizes(): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  let raw = 0;
  let zipped = 0;
  for (const file of ['index.html', 'app.js', 'app.css']) {
    const body = readFileSync(join('dist', 'console', file));
    raw += body.length;
    zipped += gzipSync(body, { level: 9 }).length;
  }
  return `${kb(zipped)} gzip (${kb(raw)} raw: index.html, app.js, app.css)`;
}
const STACK = 'serverless-infrastructure';

const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-console-render-'));
const engine = await Engine.start({ dataDir, port: 0, apiBasePort: 0, onWarning: () => {} });
try {
  await engine.deploy({
    stackName: STACK,
    templateBody: readFileSync('lib/TapStack.json', 'utf8'),
    parameters: { EnvironmentSuffix: 'dev' },
  });
  const config = {
    endpoint: engine.endpointUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  };
  const dynamo = new DynamoDBClient(config);
  const logs = new CloudWatchLogsClient(config);
  const now = Date.now();
  const seedStarted = performance.now();
  const ids: { id: string; ts: number }[] = [];
  for (let i = 0; i < rows; i++)
    ids.push({
      id: `seed-${i.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      ts: now - 59 * 60_000 + Math.floor((i / rows) * 59 * 60_000),
    });
  const table = `${STACK}-requests`;
  const batches: Promise<unknown>[] = [];
  for (let i = 0; i < ids.length; i += 25) {
    const chunk = ids.slice(i, i + 25);
    batches.push(
      dynamo.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [table]: chunk.map(({ id, ts }) => {
              const iso = new Date(ts).toISOString();
              return {
                PutRequest: {
                  Item: {
                    RequestId: { S: id },
                    Timestamp: { S: iso },
                    TimeShard: { S: timeShardOf(id, iso) },
                    Source: { S: 'API Gateway' },
                    Method: { S: i % 3 === 0 ? 'GET' : 'POST' },
                    Path: { S: `/orders/${i % 1000}` },
                    SourceIp: { S: '127.0.0.1' },
                    BodySize: { N: '17' },
                    Body: { S: '{"seeded":true}' },
                    Headers: { M: { 'content-type': { S: 'application/json' } } },
                  },
                },
              };
            }),
          },
        }),
      ),
    );
    if (batches.length >= 8) await Promise.all(batches.splice(0));
  }
  await Promise.all(batches);
  const accessGroup =
    engine.services.logs.describeLogGroups(`${STACK}-AccessLogGroup`)[0]?.logGroupName ?? '';
  for (let i = 0; i < ids.length; i += 2_000) {
    await logs
      .send(
        new PutLogEventsCommand({
          logGroupName: accessGroup,
          logStreamName: 'seed',
          logEvents: ids.slice(i, i + 2_000).map(({ id, ts }) => ({
            timestamp: ts,
            message: JSON.stringify({
              requestId: id,
              httpMethod: 'POST',
              path: '/orders',
              status: '200',
              responseLatency: '3',
            }),
          })),
        }),
      )
      .catch(async (error: Error) => {
        if (!/stream/i.test(error.message)) throw error;
        const { CreateLogStreamCommand } = await import('@aws-sdk/client-cloudwatch-logs');
        await logs.send(new CreateLogStreamCommand({ logGroupName: accessGroup, logStreamName: 'seed' }));
        i -= 2_000;
      });
  }
  console.log(
    `seeded ${rows} requests and access-log lines in ${Math.round(performance.now() - seedStarted)} ms`,
  );
  dynamo.destroy();
  logs.destroy();

  // Where the Requests view's time goes: the ByTime queries and one access-log page.
  let started = performance.now();
  const found = await queryRequests(config, table, now - 3_600_000, Date.now(), rows);
  console.log(
    `ByTime queries for the hour: ${found.length} items in ${Math.round(performance.now() - started)} ms`,
  );
  const reader = new CloudWatchLogsClient(config);
  started = performance.now();
  const page1 = await reader.send(
    new FilterLogEventsCommand({ logGroupName: accessGroup, startTime: now - 3_600_000, limit: 10_000 }),
  );
  console.log(
    `one FilterLogEvents page: ${page1.events?.length} events in ${Math.round(performance.now() - started)} ms`,
  );
  reader.destroy();

  const consoleUrl = engine.serveConsole(STACK).url;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  // Generous: a loaded machine is slow, and the figure is what was measured, not a pass/fail.
  page.setDefaultTimeout(WAIT_MS);
  const views: Record<string, string> = {
    stack: 'table caption',
    requests: '.vrow',
    logs: '.log li',
    metrics: 'figure[data-points]',
    alarms: 'article[data-alarm]',
    'dead-letters': '.messages .empty',
    schedule: '[data-next-fire]',
  };
  const table_: string[] = [];
  for (const [name, selector] of Object.entries(views)) {
    await page.goto('about:blank');
    const started = performance.now();
    await page.goto(`${consoleUrl}#/${name}`);
    await page.waitForSelector(selector);
    table_.push(`${name.padEnd(14)} ${Math.round(performance.now() - started)} ms`);
  }
  // The Requests view, four moments after one navigation: its first rows; the first statuses
  // (from the access log) on the rows in view; the whole window in (its count stops saying
  // "loading older"); every status in (the list is marked complete).
  await page.goto('about:blank');
  const allStarted = performance.now();
  await page.goto(`${consoleUrl}#/requests`);
  const since = () => Math.round(performance.now() - allStarted);
  const [firstMs, statusMs, completeMs, allMs] = await Promise.all([
    page.waitForSelector('.vrow').then(since),
    page.waitForSelector('.vrow[data-status="200"]').then(since),
    page.waitForSelector('.vlist[data-complete]', { state: 'attached' }).then(since),
    page
      .waitForFunction(
        () => {
          // The bench's TypeScript has no DOM types; in the page, globalThis is the window.
          const doc = (
            globalThis as unknown as {
              document: { querySelector(s: string): { textContent: string } | null };
            }
          ).document;
          return /^[\d,]+ requests$/.test(doc.querySelector('.count')?.textContent ?? '');
        },
        undefined,
        { timeout: WAIT_MS, polling: 100 },
      )
      .then(since),
  ]);
  const shown = (await page.textContent('.count')) ?? '';
  const domRows = await page.$$eval('.vrow', (els) => els.length);
  console.log(`first render with ${rows} stored requests (view: navigation until its data shows)`);
  for (const line of table_) console.log(`  ${line}`);
  console.log(
    `  requests: first rows ${firstMs} ms, their statuses ${statusMs} ms, the whole window ("${shown}") ${allMs} ms, with every status ${completeMs} ms after navigation`,
  );
  console.log(`  requests list keeps ${domRows} row elements in the DOM`);
  console.log(`  bundle: ${bundleSizes()}`);
  await browser.close();
} finally {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
}
