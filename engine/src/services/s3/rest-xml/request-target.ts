import { requestUrl } from '../../../net/request-url.ts';
import { s3Errors } from '../errors.ts';

/** The bucket and key a REST request names, and its query string. */
export interface S3Target {
  readonly bucket?: string;
  readonly key?: string;
  readonly query: URLSearchParams;
}

/** Splits `/bucket/key` (path style) or `bucket.<suffix>` hosts (virtual-hosted style). */
export function parseTarget(
  url: string,
  host: string | undefined,
  virtualHostSuffixes: readonly string[],
): S3Target {
  const parsed = requestUrl(url);
  const path = parsed.pathname;
  const hostname = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  const suffix = virtualHostSuffixes.find((s) => hostname.endsWith(s) && hostname.length > s.length);
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      throw s3Errors.invalidArgument(`the request path is not valid percent-encoding: ${text}`);
    }
  };
  if (suffix) {
    const bucket = hostname.slice(0, -suffix.length);
    const key = path.length > 1 ? decode(path.slice(1)) : undefined;
    return { bucket, ...(key === undefined ? {} : { key }), query: parsed.searchParams };
  }
  const rest = path.slice(1);
  if (rest === '') return { query: parsed.searchParams };
  const slash = rest.indexOf('/');
  if (slash < 0 || slash === rest.length - 1) {
    return { bucket: decode(slash < 0 ? rest : rest.slice(0, -1)), query: parsed.searchParams };
  }
  return {
    bucket: decode(rest.slice(0, slash)),
    key: decode(rest.slice(slash + 1)),
    query: parsed.searchParams,
  };
}
