import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeAwsChunked, verifyChecksums } from './aws-chunked.ts';

const crc32Base64 = (data: Buffer): string => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data) >>> 0);
  return out.toString('base64');
};

describe('decodeAwsChunked', () => {
  it.each([
    [
      'one unsigned chunk with a CRC32 trailer',
      '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n',
      'hello',
    ],
    [
      'signed chunks',
      '3;chunk-signature=abc\r\nhel\r\n2;chunk-signature=def\r\nlo\r\n0;chunk-signature=ghi\r\n\r\n',
      'hello',
    ],
    ['an empty body', '0\r\n\r\n', ''],
    ['hex sizes', `a\r\n${'x'.repeat(10)}\r\n0\r\n\r\n`, 'x'.repeat(10)],
    ['data containing CRLF', '4\r\na\r\nb\r\n0\r\n\r\n', 'a\r\nb'],
  ])('decodes %s', (_name, wire, expected) => {
    // Act
    const decoded = decodeAwsChunked(Buffer.from(wire, 'latin1'));

    // Assess
    expect(decoded.data.toString('latin1')).toBe(expected);
  });

  it('returns the trailers by lower-case name', () => {
    // Act
    const decoded = decodeAwsChunked(Buffer.from('1\r\nx\r\n0\r\nX-Amz-Checksum-Crc32:abc=\r\n\r\n'));

    // Assess
    expect(decoded.trailers).toEqual({ 'x-amz-checksum-crc32': 'abc=' });
  });

  it.each([
    ['a truncated chunk', '5\r\nhel'],
    ['a non-hex size', 'zz\r\nhello\r\n0\r\n\r\n'],
    ['a missing CRLF after data', '2\r\nhello\r\n0\r\n\r\n'],
    ['no terminating chunk header', '2\r\nhi\r\n'],
  ])('rejects %s', (_name, wire) => {
    expect(() => decodeAwsChunked(Buffer.from(wire))).toThrow(/aws-chunked/);
  });
});

describe('verifyChecksums', () => {
  it('accepts a matching CRC32 and rejects a wrong one', () => {
    // Prepare
    const data = Buffer.from('hello');

    // Act / Assess
    expect(crc32Base64(data)).toBe('NhCmhg==');
    expect(() => verifyChecksums(data, { 'x-amz-checksum-crc32': 'NhCmhg==' })).not.toThrow();
    expect(() => verifyChecksums(data, { 'x-amz-checksum-crc32': 'AAAAAA==' })).toThrow(/did not match/);
  });
});
