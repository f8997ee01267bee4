/**
 * Which Host names a local listener answers, and which Origins may act on it. A web page can make
 * the browser send requests to 127.0.0.1 under its own name (DNS rebinding) or as a "simple"
 * cross-site request without a preflight; comparing Origin with Host does not stop rebinding, so
 * every listener checks the Host header against an allowlist first, and the AWS endpoint then
 * refuses any request carrying a foreign Origin (or, without one, a foreign Referer).
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Host
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#simple_requests
 *
 * Allowed by default: `localhost`, `*.localhost`, `127.0.0.1`, `[::1]` and the listen address,
 * each with any port. More with `--allow-host NAME` (`*.example.test` matches subdomains).
 * Local origins are `http(s)://<allowed host>:<any port>`, and more with `--allow-origin URL`.
 */

export interface HostPolicyOptions {
  /** The address the listeners bind (`--host`); allowed as a Host name too. */
  readonly listenHost?: string;
  /** Extra Host names (`--allow-host`), exact or `*.suffix`; any port. */
  readonly allowHosts?: readonly string[];
  /** Extra origins (`--allow-origin`), e.g. `http://myapp.test:3000`. */
  readonly allowOrigins?: readonly string[];
}

export type HostVerdict =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly status: 400 | 421; readonly message: string };

export type OriginVerdict =
  | { readonly ok: true; readonly origin: string | undefined }
  | { readonly ok: false; readonly message: string };

/** `name[:port]` where name is a DNS name, an IPv4 address or a bracketed IPv6 address. */
const HOST_HEADER = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,252}))(?::(\d{1,5}))?$/;

/** The lower-case name of a Host header value (IPv6 kept in brackets), or undefined when malformed. */
export function hostName(value: string): string | undefined {
  const match = HOST_HEADER.exec(value);
  if (!match) return undefined;
  const port = match[2];
  if (port !== undefined && Number(port) > 65_535) return undefined;
  const name = (match[1] ?? '').toLowerCase();
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

const bracket = (address: string): string =>
  address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;

export class HostPolicy {
  private readonly exact = new Set<string>(['localhost', '127.0.0.1', '[::1]']);
  private readonly suffixes: string[] = ['.localhost'];
  private readonly origins = new Set<string>();
  private readonly extraHosts: readonly string[];

  constructor(options: HostPolicyOptions = {}) {
    if (options.listenHost) this.exact.add(bracket(options.listenHost.toLowerCase()));
    this.extraHosts = options.allowHosts ?? [];
    for (const raw of this.extraHosts) {
      const name = raw.trim().toLowerCase();
      if (name.startsWith('*.') && name.length > 2) this.suffixes.push(name.slice(1));
      else {
        const parsed = hostName(bracket(name));
        if (!parsed)
          throw new Error(`--allow-host: '${raw}' is not a host name (give a name without scheme or port)`);
        this.exact.add(parsed);
      }
    }
    for (const raw of options.allowOrigins ?? []) {
      let origin: string;
      try {
        origin = new URL(raw).origin;
      } catch {
        throw new Error(`--allow-origin: '${raw}' is not an origin (expected e.g. http://myapp.test:3000)`);
      }
      if (origin === 'null') throw new Error(`--allow-origin: '${raw}' has no http(s) origin`);
      this.origins.add(origin);
    }
  }

  /** True when `name` (lower case, IPv6 bracketed, no port) is an allowed Host name. */
  allowsName(name: string): boolean {
    return this.exact.has(name) || this.suffixes.some((suffix) => name.endsWith(suffix));
  }

  /** Checks a request's Host header: 400 when missing or malformed, 421 when not allowed. */
  checkHost(header: string | string[] | undefined): HostVerdict {
    if (header === undefined || header === '')
      return { ok: false, status: 400, message: 'Bad Request: the request has no Host header.' };
    if (Array.isArray(header) || header.length > 260)
      return { ok: false, status: 400, message: 'Bad Request: the Host header is malformed.' };
    const name = hostName(header);
    if (!name) return { ok: false, status: 400, message: 'Bad Request: the Host header is malformed.' };
    if (this.allowsName(name)) return { ok: true, name };
    return {
      ok: false,
      status: 421,
      message:
        `Misdirected Request: this local cloud does not answer the host name '${name}'. ` +
        `Only localhost, *.localhost, 127.0.0.1, [::1] and the listen address are allowed, to stop ` +
        `web pages from reaching it through DNS rebinding. To allow this name, restart with ` +
        `\`tapstack up --allow-host ${name.replace(/^\[|\]$/g, '')}\`.`,
    };
  }

  /** True for `http(s)://<allowed host>[:port]` and the `--allow-origin` list. */
  isLocalOrigin(origin: string): boolean {
    if (this.origins.has(origin)) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (url.origin !== origin) return false;
    return this.allowsName(url.hostname.toLowerCase());
  }

  /**
   * The Origin rule: a request carrying an Origin (or, without one, a Referer) that is not local is
   * refused whatever its credentials; a request with neither (CLIs, SDKs) passes.
   */
  checkOrigin(headers: Readonly<Record<string, string | string[] | undefined>>): OriginVerdict {
    const originHeader = headers.origin;
    const origin = Array.isArray(originHeader) ? originHeader.join(',') : originHeader;
    if (origin !== undefined) {
      if (this.isLocalOrigin(origin)) return { ok: true, origin };
      return { ok: false, message: refusal(`Origin '${origin}'`, origin) };
    }
    const refererHeader = headers.referer;
    const referer = Array.isArray(refererHeader) ? refererHeader.join(',') : refererHeader;
    if (referer === undefined) return { ok: true, origin: undefined };
    let refererOrigin = 'null';
    try {
      refererOrigin = new URL(referer).origin;
    } catch {
      // Unparseable Referer: treated as foreign.
    }
    if (this.isLocalOrigin(refererOrigin)) return { ok: true, origin: undefined };
    return { ok: false, message: refusal(`Referer '${referer}'`, refererOrigin) };
  }
}

const refusal = (what: string, origin: string): string =>
  `Forbidden: requests from web pages outside this machine are refused (${what} is not a local ` +
  `origin), whatever their credentials. Pages on localhost, *.localhost, 127.0.0.1 or [::1] (any port) ` +
  `are allowed${origin !== 'null' ? `; to allow this one, restart with \`tapstack up --allow-origin ${origin}\`` : ''}.`;
