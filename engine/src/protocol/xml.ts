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
 * Serializes a plain value as the children of an element: objects become one element per key,
 * arrays become `<member>` elements (awsQuery's non-flattened lists), Dates ISO-8601 text,
 * undefined and null are left out.
 */
export function xmlChildren(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return escapeXml(value.toISOString());
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
