import { type ParsedRouteKey, parseRouteKey, splitPath } from './route-key.ts';

/**
 * Picks the route for a request the way HTTP APIs do: the most specific match wins (method-specific
 * routes before `ANY`; then, segment by segment, a literal before `{param}` before `{proxy+}`), and
 * `$default` catches what nothing else matched.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html#http-api-develop-routes.evaluation
 */
export interface RouteCandidate {
  readonly routeId: string;
  readonly routeKey: string;
}

export interface RouteMatch {
  readonly routeId: string;
  readonly routeKey: string;
  /** The path template of the matched route (`/items/{id}`), or undefined for `$default`. */
  readonly routePath?: string;
  /** Decoded values, absent when the route has no variables. */
  readonly pathParameters?: Readonly<Record<string, string>>;
}

export const matchRoute = (
  routes: readonly RouteCandidate[],
  method: string,
  path: string,
): RouteMatch | undefined => {
  const requestSegments = splitPath(path);
  let best: { match: RouteMatch; rank: number[] } | undefined;
  let fallback: RouteMatch | undefined;
  for (const route of routes) {
    const parsed = parseRouteKey(route.routeKey);
    if ('error' in parsed) continue;
    if (parsed.kind === 'default') {
      fallback = { routeId: route.routeId, routeKey: route.routeKey };
      continue;
    }
    if (parsed.method !== 'ANY' && parsed.method !== method.toUpperCase()) continue;
    const params = matchSegments(parsed, requestSegments);
    if (!params) continue;
    const rank = [parsed.method === 'ANY' ? 1 : 0, ...parsed.segments.map((s) => SEGMENT_RANK[s.kind])];
    if (best && compareRanks(best.rank, rank) <= 0) continue;
    const match: RouteMatch = {
      routeId: route.routeId,
      routeKey: route.routeKey,
      routePath: parsed.path,
      ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    };
    best = { match, rank };
  }
  return best?.match ?? fallback;
};

const SEGMENT_RANK = { literal: 0, param: 1, greedy: 2 } as const;

const compareRanks = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
};

const matchSegments = (
  route: Extract<ParsedRouteKey, { kind: 'path' }>,
  request: readonly string[],
): Record<string, string> | undefined => {
  const params: Record<string, string> = {};
  for (const [i, segment] of route.segments.entries()) {
    const value = request[i];
    if (segment.kind === 'greedy') {
      // A greedy variable needs at least one non-empty segment: `/items/{proxy+}` does not match `/items`.
      const rest = request.slice(i).join('/');
      if (rest === '') return undefined;
      params[segment.name] = decode(rest);
      return params;
    }
    if (value === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (decode(value) !== segment.value) return undefined;
    } else {
      if (value === '') return undefined;
      params[segment.name] = decode(value);
    }
  }
  return request.length === route.segments.length ? params : undefined;
};

const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/**
 * Splits the stage off a request path: `/dev/items` on stage `dev`, else the `$default` stage
 * serves the whole path. Returns undefined when no stage serves the request.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html
 */
export const selectStage = (
  path: string,
  stageNames: readonly string[],
): { readonly stageName: string; readonly routePath: string } | undefined => {
  const first = splitPath(path)[0];
  if (first !== undefined && first !== '$default' && stageNames.includes(first)) {
    const rest = path.slice(first.length + 1);
    return { stageName: first, routePath: rest === '' ? '/' : rest };
  }
  return stageNames.includes('$default') ? { stageName: '$default', routePath: path } : undefined;
};
