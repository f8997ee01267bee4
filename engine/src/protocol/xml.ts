/** A minimal XML writer for awsQuery and REST-XML responses (lists as `<member>` elements). */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/**
 * An awsQuery map (`<entry><key>…</key><value>…</value></entry>`), as SNS GetTopicAttributes and
 * SQS GetQueueAttributes return attribute maps. Wrap a record with `queryMap` to serialize it so.
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#xml-shape-serialization
 */
export class QueryMap {
  constructor(readonly entries: Readonly<Record<string, unknown>>) {}
}

export const queryMap = (entries: Readonly<Record<string, unknown>>): QueryMap => new QueryMap(entries);

/**
 * Serializes a plain value as the children of an element: objects become one element per key,
 * arrays become `<member>` elements (awsQuery's non-flattened lists), Dates ISO-8601 text,
 * undefined and null are left out.
 */
export function xmlChildren(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return escapeXml(value.toISOString());
  if (value instanceof QueryMap) {
    return Object.entries(value.entries)
      .map(([key, item]) => `<entry>${xmlElement('key', key)}${xmlElement('value', item)}</entry>`)
      .join('');
  }
  if (Array.isArray(value)) return value.map((item) => xmlElement('member', item)).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([key, child]) => xmlElement(key, child))
      .join('');
  }
  return escapeXml(String(value));
}

export function xmlElement(name: string, value: unknown, attributes = ''): string {
  if (value === undefined || value === null) return '';
  return `<${name}${attributes}>${xmlChildren(value)}</${name}>`;
}
