/**
 * Route keys as HTTP APIs define them: `$default`, or `METHOD /path` where METHOD is an HTTP method
 * or `ANY`, and path segments are literals, `{name}` or a final greedy `{name+}`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;

export type PathSegment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

export type ParsedRouteKey =
  | { readonly kind: 'default' }
  | {
      readonly kind: 'path';
      /** Upper-case method, or `ANY`. */
      readonly method: string;
      /** The path template as written, e.g. `/items/{id}`. */
      readonly path: string;
      readonly segments: readonly PathSegment[];
    };

const VARIABLE = /^\{([A-Za-z0-9._-]+)(\+?)\}$/;

/** Parses a route key, or returns the reason it is not one (the caller turns it into a BadRequest). */
export const parseRouteKey = (routeKey: string): ParsedRouteKey | { readonly error: string } => {
  if (routeKey === '$default') return { kind: 'default' };
  const match = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
  if (!match) return { error: `RouteKey '${routeKey}' must be '$default' or 'METHOD /path'` };
  const method = match[1] as string;
  const path = match[2] as string;
  if (method !== 'ANY' && !(HTTP_METHODS as readonly string[]).includes(method)) {
    return { error: `RouteKey '${routeKey}' has unsupported method ${method}` };
  }
  const segments: PathSegment[] = [];
  const parts = splitPath(path);
  for (const [index, part] of parts.entries()) {
    if (!part.includes('{') && !part.includes('}')) {
      segments.push({ kind: 'literal', value: part });
      continue;
    }
    const variable = VARIABLE.exec(part);
    if (!variable) return { error: `RouteKey '${routeKey}' has an invalid path segment '${part}'` };
    const name = variable[1] as string;
    if (variable[2] === '+') {
      if (index !== parts.length - 1) {
        return { error: `RouteKey '${routeKey}': a greedy path variable must be the last segment` };
      }
      segments.push({ kind: 'greedy', name });
    } else {
      segments.push({ kind: 'param', name });
    }
  }
  return { kind: 'path', method, path, segments };
};

/** `/a/b` -> `['a','b']`; `/` -> `[]`; a trailing slash keeps an empty last segment (`/a/` -> `['a','']`). */
export const splitPath = (path: string): string[] =>
  path === '/' || path === '' ? [] : path.slice(1).split('/');
