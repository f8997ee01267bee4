import { describe, expect, it } from 'vitest';
import { RequestFraming } from './request-framing.ts';

const feed = (framing: RequestFraming, ...parts: string[]) =>
  parts.map((part) => framing.push(Buffer.from(part, 'latin1')));

describe('request framing', () => {
  it('follows pipelined requests with content-length and chunked bodies', () => {
    const framing = new RequestFraming(1024);
    const verdicts = feed(
      framing,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello',
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n',
      '5;ext=1\r\nhel',
      'lo\r\n0\r\nTrailer: x\r\n\r\n',
      'GET / HTTP/1.1\r\n\r\n',
    );
    expect(verdicts.every((v) => v.ok)).toBe(true);
  });

  it('refuses an HTTP/0.9 request line as soon as it ends, with or without a blank line', () => {
    expect(feed(new RequestFraming(1024), 'GET /\r\n')[0]).toMatchObject({ ok: false });
    expect(feed(new RequestFraming(1024), 'GET /\r\n\r\n')[0]).toMatchObject({ ok: false });
  });

  it.each(['FFFFFFFFFFFFFFFF', '7FFFFFFF', '401', 'zz', '1FFFFFFFFFFFFFFFFF'])(
    'refuses the chunk size %s',
    (size) => {
      const framing = new RequestFraming(1024);
      const [head, chunk] = feed(
        framing,
        'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n',
        `${size}\r\nabc`,
      );
      expect(head).toEqual({ ok: true });
      expect(chunk).toMatchObject({ ok: false });
    },
  );

  it('does not mistake body bytes for a chunk size', () => {
    const framing = new RequestFraming(16);
    const body = 'FFFFFFFFFFFFFFFF\r\n';
    const [verdict] = feed(
      framing,
      `POST / HTTP/1.1\r\nContent-Length: ${body.length}\r\n\r\n${body}GET / HTTP/1.1\r\n\r\n`,
    );
    expect(verdict).toEqual({ ok: true });
  });

  it('follows a head that arrives one byte at a time, with header names in any case', () => {
    const framing = new RequestFraming(16);
    const head = 'POST / HTTP/1.1\r\nHost: x\r\nTRANSFER-encoding: gzip, Chunked\r\n\r\n';
    const verdicts = feed(framing, ...head.split(''));
    expect(verdicts.every((v) => v.ok)).toBe(true);
    // The head said chunked, so the next line is a chunk size, and this one is too large.
    expect(feed(framing, 'FFFFFFFF\r\n')[0]).toMatchObject({ ok: false });
  });

  it('stops following a head longer than 64 KiB (Node refuses it itself)', () => {
    const framing = new RequestFraming(16);
    const filler = `X-Filler: ${'a'.repeat(1000)}\r\n`.repeat(70);
    const [verdict] = feed(
      framing,
      `POST / HTTP/1.1\r\n${filler}Transfer-Encoding: chunked\r\n\r\nFFFFFFFF\r\n`,
    );
    expect(verdict).toEqual({ ok: true });
  });
});
