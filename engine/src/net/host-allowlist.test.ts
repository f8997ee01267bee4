import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostPolicy, hostName } from './host-allowlist.ts';

describe('the Host allowlist', () => {
  const policy = new HostPolicy({ listenHost: '127.0.0.1' });

  it.each([
    'localhost',
    'localhost:4566',
    'LOCALHOST:1',
    'app.localhost:3000',
    'a.b.localhost',
    '127.0.0.1',
    '127.0.0.1:4567',
    '[::1]',
    '[::1]:4566',
    'localhost.:80',
  ])('answers %s', (host) => {
    expect(policy.checkHost(host)).toMatchObject({ ok: true });
  });

  it.each([
    'evil.example.com:4566',
    'evil.example.com',
    '127.0.0.2',
    'localhost.evil.example.com',
    'evillocalhost',
    '0.0.0.0',
  ])('refuses %s with 421 and says how to allow it', (host) => {
    const verdict = policy.checkHost(host);
    expect(verdict).toMatchObject({ ok: false, status: 421 });
    if (!verdict.ok) expect(verdict.message).toContain(`--allow-host ${host.split(':')[0]}`);
  });

  it.each([
    ['no Host', undefined],
    ['an empty Host', ''],
    ['a userinfo', 'user@localhost'],
    ['a path', 'localhost/x'],
    ['a space', 'local host'],
    ['a port past 65535', 'localhost:99999'],
    ['an empty port', 'localhost:'],
    ['an unbracketed IPv6', '::1'],
    ['two values', ['localhost', 'evil']],
  ])('refuses %s with 400', (_label, host) => {
    expect(policy.checkHost(host)).toMatchObject({ ok: false, status: 400 });
  });

  it('never throws on arbitrary Host values, and only answers names it allows', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        const verdict = policy.checkHost(value);
        if (verdict.ok) expect(policy.allowsName(verdict.name)).toBe(true);
      }),
    );
  });

  it('adds --allow-host names (exact and *.suffix, any port) and the listen address', () => {
    const wide = new HostPolicy({ listenHost: '192.168.1.20', allowHosts: ['dev.test', '*.corp.test'] });
    expect(wide.checkHost('dev.test:4566').ok).toBe(true);
    expect(wide.checkHost('api.corp.test').ok).toBe(true);
    expect(wide.checkHost('corp.test').ok).toBe(false);
    expect(wide.checkHost('192.168.1.20:4567').ok).toBe(true);
    expect(new HostPolicy({ listenHost: '::1' }).checkHost('[::1]:1').ok).toBe(true);
  });

  it('refuses a malformed --allow-host or --allow-origin with an error naming the option', () => {
    expect(() => new HostPolicy({ allowHosts: ['http://x.test/'] })).toThrow(/--allow-host/);
    expect(() => new HostPolicy({ allowOrigins: ['not a url'] })).toThrow(/--allow-origin/);
  });

  it('parses names, dropping the port', () => {
    expect(hostName('Example.COM:80')).toBe('example.com');
    expect(hostName('[::1]:4566')).toBe('[::1]');
    expect(hostName('a b')).toBeUndefined();
  });
});

describe('the Origin rule', () => {
  const policy = new HostPolicy({ listenHost: '127.0.0.1', allowOrigins: ['https://tools.example.com'] });

  it('lets requests without Origin or Referer through (CLIs, SDKs)', () => {
    expect(policy.checkOrigin({})).toEqual({ ok: true, origin: undefined });
  });

  it.each([
    'http://localhost:3000',
    'http://127.0.0.1:5173',
    'http://app.localhost',
    'http://[::1]:8080',
    'https://tools.example.com',
  ])('accepts the local origin %s', (origin) => {
    expect(policy.checkOrigin({ origin })).toEqual({ ok: true, origin });
  });

  it.each([
    'http://evil.example.com:4566',
    'null',
    'file://',
    'http://localhost.evil.example.com',
    'https://tools.example.com:8443',
    'http://localhost:3000/path',
  ])('refuses the origin %s with a message saying how to allow', (origin) => {
    const verdict = policy.checkOrigin({ origin });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toMatch(/not a local origin/);
  });

  it('judges the Referer when there is no Origin', () => {
    expect(policy.checkOrigin({ referer: 'http://localhost:3000/page' }).ok).toBe(true);
    const foreign = policy.checkOrigin({ referer: 'http://evil.example.com/page?x' });
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) expect(foreign.message).toContain('--allow-origin http://evil.example.com');
    expect(policy.checkOrigin({ referer: '::garbage' }).ok).toBe(false);
  });
});
