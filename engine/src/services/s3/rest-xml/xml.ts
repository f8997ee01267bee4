import { s3Errors } from '../errors.ts';

/**
 * The little XML S3 needs: escaping for responses and a parser for the few request documents
 * (VersioningConfiguration, LifecycleConfiguration, CreateBucketConfiguration, Delete). No DTDs,
 * no namespaces beyond ignoring prefixes, no mixed content: S3's request schemas have none.
 */
export interface XmlElement {
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
}

export const escapeXml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** A response element: strings are escaped text, arrays are repeated children, undefined is omitted. */
export type XmlValue = string | number | boolean | undefined | XmlNode | readonly XmlNode[];
export interface XmlNode {
  readonly [name: string]: XmlValue;
}

export function toXml(
  rootName: string,
  body: XmlNode,
  namespace = 'http://s3.amazonaws.com/doc/2006-03-01/',
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${rootName} xmlns="${namespace}">${nodeToXml(body)}</${rootName}>`;
}

function nodeToXml(node: XmlNode): string {
  let out = '';
  for (const [name, value] of Object.entries(node)) out += element(name, value);
  return out;
}

export function element(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value))
    return value.map((item: XmlNode) => `<${name}>${nodeToXml(item)}</${name}>`).join('');
  if (typeof value === 'object') return `<${name}>${nodeToXml(value as XmlNode)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const decodeText = (text: string): string =>
  text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });

/** Parses a request document into elements; names lose any namespace prefix. */
export function parseXml(source: string): XmlElement {
  const tokens = source.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tag = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let consumed = 0;
  for (let match = tag.exec(tokens); match; match = tag.exec(tokens)) {
    if (match.index !== consumed) break;
    consumed = tag.lastIndex;
    const [, closing, rawName, , selfClosing, text] = match;
    const top = stack[stack.length - 1] as XmlElement;
    if (text !== undefined) {
      top.text += decodeText(text);
      continue;
    }
    const name = (rawName ?? '').replace(/^.*:/, '');
    if (closing) {
      if (top.name !== name || stack.length === 1) throw s3Errors.malformedXml(`unexpected </${name}>`);
      stack.pop();
      continue;
    }
    const opened: XmlElement = { name, children: [], text: '' };
    top.children.push(opened);
    if (!selfClosing) stack.push(opened);
  }
  if (consumed !== tokens.length || stack.length !== 1)
    throw s3Errors.malformedXml('document is not well-formed');
  const [documentElement, ...rest] = root.children;
  if (!documentElement || rest.length > 0) throw s3Errors.malformedXml('expected exactly one root element');
  return documentElement;
}

export const child = (element: XmlElement, name: string): XmlElement | undefined =>
  element.children.find((c) => c.name === name);

export const childrenNamed = (element: XmlElement, name: string): XmlElement[] =>
  element.children.filter((c) => c.name === name);

export const childText = (element: XmlElement, name: string): string | undefined =>
  child(element, name)?.text.trim();
