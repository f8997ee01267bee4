/**
 * The path and query of a request line's target, as an HTTP API hands them to the function.
 * - Absolute form (`GET http://host/abs?x=1 HTTP/1.1`, RFC 9112 §3.2.2) is reduced to its path and
 *   query: the scheme and authority never reach `rawPath`.
 * - The path is percent-decoded (`/a%2Fb` → `/a/b`, `%20` → space), as captured events from real
 *   HTTP APIs show (AWS-FACTS.md, "Paths"); a malformed escape (`%zz`) is left as sent.
 * - The query string stays raw; its parameters are decoded elsewhere (queryStringParameters).
 */
export interface RequestTarget {
  readonly path: string;
  /** Without the `?`; empty when there is none. */
  readonly query: string;
}

const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

export const parseRequestTarget = (target: string): RequestTarget => {
  let rest = target;
  const absolute = ABSOLUTE_FORM.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length);
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const rawPath = q === -1 ? rest : rest.slice(0, q);
  return {
    path: decodePath(rawPath.startsWith('/') ? rawPath : `/${rawPath}`),
    query: q === -1 ? '' : rest.slice(q + 1),
  };
};

/** Decodes each valid escape; an invalid one (or a lone `%`) stays as it was sent. */
export const decodePath = (path: string): string => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
};
