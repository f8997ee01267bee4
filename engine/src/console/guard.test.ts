import { describe, expect, it } from 'vitest';
import { checkAction, checkRead, hostAllowed } from './guard.ts';

const options = { host: '127.0.0.1', port: 4566, token: 'the-token' };
const good = {
  host: '127.0.0.1:4566',
  origin: 'http://127.0.0.1:4566',
  'content-type': 'application/json',
  'x-console-token': 'the-token',
  'sec-fetch-site': 'same-origin',
};

describe('the console guard', () => {
  it.each([
    ['127.0.0.1:4566', true],
    ['localhost:4566', true],
    ['[::1]:4566', true],
    ['LOCALHOST:4566', true],
    ['127.0.0.1:4567', false],
    ['127.0.0.1', false],
    ['evil.example:4566', false],
    ['127.0.0.1.evil.example:4566', false],
    ['', false],
  ])('Host %j allowed: %s', (host, allowed) => {
    expect(hostAllowed(host ? { host } : {}, options)).toBe(allowed);
  });

  it('accepts the configured host name besides loopback names', () => {
    expect(hostAllowed({ host: 'devbox.lan:4566' }, { ...options, host: 'devbox.lan' })).toBe(true);
  });

  it('lets a same-origin JSON POST with the token through', () => {
    expect(checkAction(good, options)).toEqual({ ok: true });
  });

  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }, 403, /cross-origin/],
    ['no Origin', { origin: undefined }, 403, /Origin missing/],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }, 403, /cross-site/],
    ['a rebound Host', { host: 'evil.example:4566', origin: 'http://evil.example:4566' }, 403, /Host/],
    ['a form body', { 'content-type': 'application/x-www-form-urlencoded' }, 415, /JSON/],
    ['a wrong token', { 'x-console-token': 'the-tokeN' }, 403, /token/],
    ['no token', { 'x-console-token': undefined }, 403, /token/],
  ])('refuses an action with %s', (_what, change, status, reason) => {
    const verdict = checkAction({ ...good, ...change }, options);
    expect(verdict).toMatchObject({ ok: false, status });
    expect(verdict.ok ? '' : verdict.reason).toMatch(reason);
  });

  it('reads need the token, from the header or the query (EventSource cannot send headers)', () => {
    expect(checkRead({ host: good.host, 'x-console-token': 'the-token' }, null, options)).toEqual({
      ok: true,
    });
    expect(checkRead({ host: good.host }, 'the-token', options)).toEqual({ ok: true });
    expect(checkRead({ host: good.host }, null, options)).toMatchObject({ ok: false, status: 403 });
    expect(checkRead({ host: 'evil.example:4566' }, 'the-token', options)).toMatchObject({ ok: false });
  });
});
