/**
 * Which service, if any, answers a request's CORS itself (ServiceCors): only a request that
 * carries an Origin or is an OPTIONS, that the raw entry holding a `cors` hook would receive by
 * its path (no REST route of another service matches it, judged by the preflight's
 * Access-Control-Request-Method), and that the hook claims.
 */
import type { IncomingMessage } from 'node:http';
import type { ServiceCors, ServiceMap } from '../protocol/service-entry.ts';
import { resolveService } from './resolve-service.ts';

export function serviceCorsFor(
  services: ServiceMap,
  req: IncomingMessage,
  path: string,
): ServiceCors | undefined {
  const method = (req.method ?? 'GET').toUpperCase();
  if (req.headers.origin === undefined && method !== 'OPTIONS') return undefined;
  const requested = req.headers['access-control-request-method'];
  const routedAs = method === 'OPTIONS' && typeof requested === 'string' ? requested.toUpperCase() : method;
  const resolved = resolveService(services, undefined, undefined, routedAs, path);
  if (resolved?.entry.kind !== 'raw' || !resolved.entry.cors) return undefined;
  return resolved.entry.cors.claims(req) ? resolved.entry.cors : undefined;
}
