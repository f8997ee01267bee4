/**
 * Who may talk to the console. Every console request must name a loopback (or the configured)
 * host on the endpoint's port, so a page reached by DNS rebinding (`Host: evil.example`) is
 * refused. Every API call carries the per-start token that only the console's own page receives,
 * and a state-changing call must also come from the console's own origin as a JSON POST, which a
 * page on another site cannot send without a CORS preflight the console never grants.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface GuardOptions {
  readonly host: string;
  readonly port: number;
  readonly token: string;
}

export type GuardVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: number; readonly reason: string };

const OK: GuardVerdict = { ok: true };
const refuse = (status: number, reason: string): GuardVerdict => ({ ok: false, status, reason });

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The Host header names this listener: an allowed host name and the listener's own port. */
export function hostAllowed(headers: IncomingHttpHeaders, options: GuardOptions): boolean {
  const host = first(headers.host);
  if (!host) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
  if (!match) return false;
  const [, name = '', port] = match;
  if (Number(port ?? 80) !== options.port) return false;
  const configured = options.host.includes(':') ? `[${options.host}]` : options.host;
  return LOOPBACK_NAMES.has(name) || name === configured.toLowerCase();
}

function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A read: allowed host and the token (header, or `token` query parameter for EventSource). */
export function checkRead(
  headers: IncomingHttpHeaders,
  queryToken: string | null,
  options: GuardOptions,
): GuardVerdict {
  if (!hostAllowed(headers, options)) return refuse(403, 'the Host header does not name this console');
  const token = first(headers['x-console-token']) ?? queryToken ?? undefined;
  if (!tokenMatches(token, options.token)) return refuse(403, 'missing or wrong console token');
  return OK;
}

/** A state change: everything a read needs, plus the console's own Origin and a JSON body. */
export function checkAction(headers: IncomingHttpHeaders, options: GuardOptions): GuardVerdict {
  if (!hostAllowed(headers, options)) return refuse(403, 'the Host header does not name this console');
  const origin = first(headers.origin);
  if (!origin || origin !== `http://${first(headers.host)?.toLowerCase()}`)
    return refuse(403, `cross-origin request refused (Origin ${origin ?? 'missing'})`);
  const site = first(headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin')
    return refuse(403, `cross-site request refused (${site})`);
  if (!(first(headers['content-type']) ?? '').startsWith('application/json'))
    return refuse(415, 'actions take a JSON body (content-type application/json)');
  if (!tokenMatches(first(headers['x-console-token']), options.token))
    return refuse(403, 'missing or wrong console token');
  return OK;
}
