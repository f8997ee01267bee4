import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { processRecord } from './processing.ts';

const envelope = (messageType: string, messages: string[]): Buffer =>
  gzipSync(
    JSON.stringify({
      owner: '000000000000',
      logGroup: '/aws/http-api/access',
      logStream: 's',
      subscriptionFilters: ['f'],
      messageType,
      logEvents: messages.map((message, i) => ({ id: String(i), timestamp: 1, message })),
    }),
  );

const CWL = { decompress: true, extractMessages: true };

describe('processRecord', () => {
  it.each([
    [
      'extracts each message of a data message, newline-terminated',
      envelope('DATA_MESSAGE', ['{"a":1}', 'two']),
      CWL,
      '{"a":1}\ntwo\n',
    ],
    [
      'drops a control message',
      envelope('CONTROL_MESSAGE', ['CWL CONTROL MESSAGE: Checking health']),
      CWL,
      '',
    ],
    [
      'passes records through without processors',
      Buffer.from('raw'),
      { decompress: false, extractMessages: false },
      'raw',
    ],
    [
      'only decompresses without extraction',
      gzipSync('{"x":1}'),
      { decompress: true, extractMessages: false },
      '{"x":1}',
    ],
  ])('%s', (_name, input, destination, expected) => {
    // Act
    const result = processRecord(input, destination);

    // Assess
    expect(result.ok && result.data.toString('utf8')).toBe(expected);
  });

  it.each([
    ['a record that is not gzip', Buffer.from('plain text'), 'decompression-failed'],
    ['gzip that is not JSON', gzipSync('not json'), 'processing-failed'],
    ['JSON that is not a log envelope', gzipSync('{"messageType":"OTHER"}'), 'processing-failed'],
  ])('routes %s to the error output', (_name, input, errorOutputType) => {
    // Act
    const result = processRecord(input, CWL);

    // Assess
    expect(result).toMatchObject({ ok: false, errorOutputType });
  });
});
