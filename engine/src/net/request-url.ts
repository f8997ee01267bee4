/**
 * The URL a request line's target names, for reading its path and query.
 *
 * `new URL(req.url, base)` is wrong for an origin-form target that starts with `//`: the WHATWG
 * parser reads `//name/rest` as a scheme-relative URL, so `name` becomes the host (and a name that
 * is not a valid host throws). An HTTP request target is never scheme-relative (RFC 9112 §3.2):
 * it is origin form (`/path?query`), absolute form (`http://host/path`), or `*`. So the origin form
 * is parsed under a fixed base, keeping a leading `//` in the path, and nothing here throws.
 */
const BASE = 'http://request.local';
const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\//i;

export function requestUrl(target: string | undefined): URL {
  const raw = target ?? '/';
  if (raw.startsWith('/')) return new URL(BASE + raw);
  if (ABSOLUTE_FORM.test(raw)) {
    try {
      return new URL(raw);
    } catch {
      // An authority that is not a valid host: keep only what follows it.
      const rest = raw.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
      return new URL(BASE + (rest.startsWith('/') ? rest : `/${rest}`));
    }
  }
  return new URL(`${BASE}/${raw === '*' ? '' : raw}`);
}
