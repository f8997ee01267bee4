/**
 * Which service a request is for: the credential scope's signing name first (what the SDKs and
 * the CLI always send), then the `X-Amz-Target` prefix, then a REST route match on the path,
 * then the raw entry marked `catchAll` (S3 takes any path).
 */
import { matchRoute } from '../protocol/rest-json.ts';
import type { ServiceEntry, ServiceMap, SigningName } from '../protocol/service-entry.ts';

export interface ResolvedService {
  readonly name: SigningName;
  readonly entry: ServiceEntry;
}

const entriesOf = (services: ServiceMap): ResolvedService[] =>
  (Object.keys(services) as SigningName[]).flatMap((name) => {
    const entry = services[name];
    return entry ? [{ name, entry }] : [];
  });

export function resolveService(
  services: ServiceMap,
  signingName: string | undefined,
  target: string | undefined,
  method: string,
  path: string,
): ResolvedService | undefined {
  const all = entriesOf(services);
  if (signingName !== undefined) {
    const byScope = all.find((s) => s.name === signingName);
    if (byScope) return byScope;
  }
  if (target) {
    const prefix = target.slice(0, Math.max(0, target.lastIndexOf('.')));
    const byTarget = all.find(({ entry }) =>
      entry.kind === 'json' || entry.kind === 'json-handler'
        ? entry.protocol.targetPrefixes.includes(prefix)
        : entry.kind === 'raw' && (entry.targetPrefixes ?? []).includes(prefix),
    );
    if (byTarget) return byTarget;
  }
  const byRoute = all.find(
    ({ entry }) => entry.kind === 'rest-json' && matchRoute(entry.routes, method, path) !== undefined,
  );
  if (byRoute || signingName !== undefined) return byRoute;
  // Only requests without a credential scope fall through to the catch-all: a request signed for
  // a service this endpoint lacks gets an error naming that service, not an S3 answer.
  return all.find(({ entry }) => entry.kind === 'raw' && entry.catchAll === true);
}
