import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestUrl } from './request-url.ts';

describe('requestUrl', () => {
  it('keeps a leading // in an origin-form path instead of reading it as a host', () => {
    const url = requestUrl('//dO%2F%20%5BG%5BV?x=1');
    expect(url.pathname).toBe('//dO%2F%20%5BG%5BV');
    expect(url.searchParams.get('x')).toBe('1');
    expect(requestUrl('//bucket/key').pathname).toBe('//bucket/key');
  });

  it('reads the path and query of an absolute-form target, valid host or not', () => {
    expect(requestUrl('http://example.com/a/b?c=d').pathname).toBe('/a/b');
    const bad = requestUrl('http://[bad host/a?c=d');
    expect(bad.pathname).toBe('/a');
    expect(bad.search).toBe('?c=d');
  });

  it('reads the asterisk form and a missing target as /', () => {
    expect(requestUrl('*').pathname).toBe('/');
    expect(requestUrl(undefined).pathname).toBe('/');
  });

  it('never throws, whatever the target', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (target) => {
        expect(requestUrl(target)).toBeInstanceOf(URL);
        expect(requestUrl(`/${target}`).pathname.startsWith('/')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
