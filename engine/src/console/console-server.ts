/**
 * The local console, served on the AWS endpoint's port under /_console/: the page and its bundle,
 * live views as server-sent events, and the few actions (redrive, purge, trigger). Reads and
 * actions go through ConsoleSource (AWS SDK calls against the engine's own operations).
 *
 * LIMITATIONS: one stack per console; no percentiles (the engine's CloudWatch keeps none);
 * a request's function log lines are matched by the request's time window (Lambda's platform lines
 * carry Lambda's request id, not the API's), so a concurrent request's lines can appear too.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestUrl } from '../net/request-url.ts';
import { ConsoleAssets } from './assets.ts';
import { FeedHub } from './feed-hub.ts';
import { checkAction, checkRead, type GuardOptions, hostAllowed } from './guard.ts';
import { pushSourceOf } from './pushed-feed.ts';
import { requestsStream } from './requests-stream.ts';
import { ConsoleInputError, type ConsoleSource } from './source.ts';
import { StreamHub, snapshotTick, type Tick } from './sse.ts';
import { lookupStatuses, parseStatusLookup } from './status-lookup.ts';

export const CONSOLE_PREFIX = '/_console';

const MAX_ACTION_BODY = 64 * 1024;
const RANGES: Readonly<Record<string, number>> = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000 };

const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

export interface ConsoleServerOptions {
  readonly source: ConsoleSource;
  /** The interface the endpoint listens on (its name is accepted in Host besides loopback names). */
  readonly host: string;
  readonly port: number;
}

export class ConsoleServer {
  /** Given to the page inside index.html; required on every API call. New on every start. */
  readonly token = randomBytes(24).toString('base64url');
  private readonly hub = new StreamHub();
  private readonly assets = new ConsoleAssets();
  private readonly guard: GuardOptions;
  /** The Requests view's live feeds, one per watched window and kind, shared by all tabs. */
  readonly feeds: FeedHub;

  constructor(private readonly options: ConsoleServerOptions) {
    this.guard = { host: options.host, port: options.port, token: this.token };
    this.feeds = new FeedHub(options.source, pushSourceOf(options.source));
  }

  /** Open live streams (one per open view per tab). */
  get openStreams(): number {
    return this.hub.size;
  }

  close(): void {
    this.feeds.close();
    this.hub.closeAll();
    this.options.source.close();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.route(req, res);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status = error instanceof ConsoleInputError ? 400 : 500;
      json(res, status, { message: (error as Error).message });
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req.url);
    const path = url.pathname.slice(CONSOLE_PREFIX.length);
    const method = req.method ?? 'GET';
    if (path === '' || path === '/' || path === '/index.html' || path === '/app.js' || path === '/app.css') {
      if (!hostAllowed(req.headers, this.guard))
        return json(res, 403, { message: 'the Host header does not name this console' });
      if (method !== 'GET' && method !== 'HEAD') return json(res, 405, { message: `${method} not allowed` });
      if (path === '') {
        res.writeHead(308, { location: `${CONSOLE_PREFIX}/` }).end();
        return;
      }
      const asset = this.assets.get(path === '/' ? 'index.html' : path.slice(1), this.token);
      if (!asset)
        return json(res, 503, { message: 'the console is not built: run `node scripts/build.mjs`' });
      res.writeHead(200, {
        ...PAGE_HEADERS,
        'content-type': asset.type,
        'content-length': asset.body.length,
      });
      res.end(method === 'HEAD' ? undefined : asset.body);
      return;
    }
    if (!path.startsWith('/api/')) return json(res, 404, { message: `no console page ${path}` });
    const api = path.slice('/api/'.length);
    if (method === 'POST') {
      const verdict = checkAction(req.headers, this.guard);
      if (!verdict.ok) {
        req.resume();
        return json(res, verdict.status, { message: verdict.reason });
      }
      return this.action(api, await readJson(req), res);
    }
    if (method !== 'GET') return json(res, 405, { message: `${method} not allowed` });
    const verdict = checkRead(req.headers, url.searchParams.get('token'), this.guard);
    if (!verdict.ok) return json(res, verdict.status, { message: verdict.reason });
    return this.read(api, url.searchParams, req, res);
  }

  private async read(
    api: string,
    q: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const source = this.options.source;
    const stream = (intervalMs: number, tick: Tick) => this.hub.start(req, res, intervalMs, tick);
    switch (api) {
      case 'stream/stack':
        return stream(
          2_000,
          snapshotTick(() => source.stack()),
        );
      case 'stream/alarms':
        return stream(
          2_000,
          snapshotTick(() => source.alarms()),
        );
      case 'stream/dlq':
        return stream(
          2_000,
          snapshotTick(() => source.deadLetters()),
        );
      case 'stream/schedule':
        return stream(
          1_000,
          snapshotTick(() => source.schedule()),
        );
      case 'stream/metrics': {
        const range = RANGES[q.get('range') ?? '15m'];
        if (!range) throw new ConsoleInputError(`range must be one of ${Object.keys(RANGES).join(', ')}`);
        return stream(
          5_000,
          snapshotTick(() => source.metrics(range)),
        );
      }
      case 'stream/requests': {
        const window = RANGES[q.get('range') ?? '1h'];
        if (!window) throw new ConsoleInputError(`range must be one of ${Object.keys(RANGES).join(', ')}`);
        const statuses = q.get('statuses') ?? 'view';
        if (statuses !== 'view' && statuses !== 'all')
          throw new ConsoleInputError(`statuses must be view or all, got ${JSON.stringify(statuses)}`);
        return stream(1_000, requestsStream(source, this.feeds, window, statuses === 'all'));
      }
      case 'statuses':
        return json(res, 200, { statuses: await lookupStatuses(source, parseStatusLookup(q)) });
      case 'stream/logs':
        return stream(1_000, logsTick(source, q.get('filter') ?? ''));
      case 'request': {
        const id = q.get('id');
        const ts = q.get('ts');
        if (!id || !ts) throw new ConsoleInputError('request needs id and ts');
        const detail = await source.requestDetail(id, ts);
        return detail
          ? json(res, 200, detail)
          : json(res, 404, { message: `request ${id} at ${ts} not found` });
      }
      case 'archive': {
        const bucket = q.get('bucket');
        const key = q.get('key');
        if (!bucket || !key) throw new ConsoleInputError('archive needs bucket and key');
        const object = await source.archivedBody(bucket, key);
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename="${key.slice(key.lastIndexOf('/') + 1).replace(/[^\w.-]/g, '_')}"`,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        });
        res.end(object.body ? Buffer.from(object.body) : undefined);
        return;
      }
      default:
        return json(res, 404, { message: `no console API ${api}` });
    }
  }

  private async action(api: string, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const source = this.options.source;
    switch (api) {
      case 'dlq/redrive': {
        const ids = body.messageIds;
        if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => typeof id === 'string')))
          throw new ConsoleInputError('messageIds must be a list of message ids');
        return json(res, 200, await source.redrive(ids as string[] | undefined));
      }
      case 'dlq/purge':
        return json(res, 200, await source.purge(String(body.confirm ?? '')));
      case 'schedule/trigger':
        return json(res, 200, { fired: await source.trigger(String(body.rule ?? '')) });
      default:
        return json(res, 404, { message: `no console action ${api}` });
    }
  }
}

/** Lines the tail opens with: the newest matching lines of the last few minutes. */
const TAIL_LOOKBACK_MS = 5 * 60_000;
const TAIL_FIRST_LINES = 1_000;

/** Logs: like Live Tail, the new matching lines of both groups once a second. */
function logsTick(source: ConsoleSource, filter: string): Tick {
  const seen = new Set<string>();
  let since: number | undefined;
  let version = '';
  return async (sender) => {
    if (since !== undefined) {
      const current = await source.logsVersion();
      if (current === version) return;
      version = current;
    } else {
      version = await source.logsVersion();
    }
    const start = since ?? source.now() - TAIL_LOOKBACK_MS;
    let lines: Awaited<ReturnType<ConsoleSource['logLines']>>;
    try {
      lines = (await source.logLines(start, filter, 20_000)).slice(
        since === undefined ? -TAIL_FIRST_LINES : 0,
      );
    } catch (error) {
      // A filter pattern FilterLogEvents refuses: say why and stop (the page asks for a new one).
      sender.send({ message: (error as Error).message }, 'problem');
      sender.end();
      return;
    }
    const fresh = lines.filter((line) => !seen.has(line.id));
    for (const line of fresh) seen.add(line.id);
    if (seen.size > 50_000) seen.clear();
    since = Math.max(start, (lines.at(-1)?.timestamp ?? start) - 1);
    if (fresh.length > 0 || since === start) sender.send({ lines: fresh });
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_ACTION_BODY) throw new ConsoleInputError('action body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ConsoleInputError('the action body must be a JSON object');
}
