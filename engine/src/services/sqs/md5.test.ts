import { describe, expect, it } from 'vitest';
import { md5OfAttributes, md5OfBody } from './md5.ts';
import type { MessageAttributeValue } from './model.ts';

// Digests AWS returned for these inputs, as pinned by moto's SQS tests (tests/test_sqs/test_sqs.py).
describe('md5OfAttributes', () => {
  const cases: {
    name: string;
    attributes: Record<string, MessageAttributeValue>;
    digest: string | undefined;
  }[] = [
    {
      name: 'one Number attribute',
      attributes: { timestamp: { DataType: 'Number', StringValue: '1493147359900' } },
      digest: '235c5c510d26fb653d073faed50ae77c',
    },
    {
      name: 'another Number value',
      attributes: { timestamp: { DataType: 'Number', StringValue: '1493147359901' } },
      digest: '994258b45346a2cc3f9cbb611aa7af30',
    },
    {
      name: 'a name with dots, dashes and capitals',
      attributes: { 'SOME_Valid.attribute-Name': { DataType: 'Number', StringValue: '1493147359900' } },
      digest: '36655e7e9d7c0e8479fa3f3f42247ae7',
    },
    {
      name: 'String, Binary, Number and non-ASCII attributes in any order',
      attributes: {
        ccc: { DataType: 'String', StringValue: 'testjunk' },
        aaa: { DataType: 'Binary', BinaryValue: Buffer.from([2, 3, 4]).toString('base64') },
        zzz: { DataType: 'Number', StringValue: '0230.01' },
        öther_encodings: { DataType: 'String', StringValue: 'Tüst' },
      },
      digest: '8ae21a7957029ef04146b42aeaa18a22',
    },
    { name: 'no attributes', attributes: {}, digest: undefined },
  ];

  it.each(cases)('digests $name as AWS does', ({ attributes, digest }) => {
    expect(md5OfAttributes(attributes)).toBe(digest);
  });
});

describe('md5OfBody', () => {
  it('digests the body as UTF-8', () => {
    expect(md5OfBody('derp')).toBe('58fd9edd83341c29f1aebba81c31e257');
    expect(md5OfBody('This is a test message')).toBe('fafb00f5732ab283681e124bf8747ed1');
  });
});
