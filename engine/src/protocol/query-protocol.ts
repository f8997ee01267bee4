/**
 * awsQuery: form-encoded `Action=...&Version=...` in, XML out.
 * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 */
import { AwsError } from '../runtime/aws-error.ts';
import { spellFor } from './error-spelling.ts';
import type { WireResponse } from './wire-response.ts';
import { escapeXml, xmlChildren } from './xml.ts';

export interface QueryProtocolOptions {
  /** e.g. `http://cloudformation.amazonaws.com/doc/2010-05-15/`. */
  readonly xmlns: string;
}

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new AwsError('MalformedQueryString', `Malformed percent-encoding in '${text.slice(0, 100)}'`, 400);
  }
};

/** Form parameters from the body (POST) merged over the query string (GET). */
export function parseQueryParams(body: string, rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const source of [rawQuery, body]) {
    for (const pair of source.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      params.set(decode(eq < 0 ? pair : pair.slice(0, eq)), eq < 0 ? '' : decode(pair.slice(eq + 1)));
    }
  }
  return params;
}

type Tree = { [key: string]: Tree | string };

const isTree = (value: unknown): value is Tree =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Turns flat keys into the structure they encode: `Tags.member.1.Key=a` becomes
 * `{ Tags: [{ Key: 'a' }] }`; `Attributes.entry.1.key/value` maps become objects.
 */
export function nestQueryParams(flat: ReadonlyMap<string, string>): Record<string, unknown> {
  const root: Tree = {};
  for (const [key, value] of flat) {
    if (key === 'Action' || key === 'Version' || key.startsWith('X-Amz-')) continue;
    const parts = key.split('.');
    let node: Tree = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        if (!isTree(node[part])) node[part] = value;
        return;
      }
      const next = node[part];
      if (isTree(next)) node = next;
      else {
        const created: Tree = {};
        node[part] = created;
        node = created;
      }
    });
  }
  return convert(root) as Record<string, unknown>;
}

function convert(node: Tree | string): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  const members = node.member;
  if (keys.length === 1 && isTree(members)) return indexed(members).map(convert);
  const entries = node.entry;
  if (keys.length === 1 && isTree(entries)) {
    const map: Record<string, unknown> = {};
    for (const entry of indexed(entries)) {
      if (isTree(entry) && typeof entry.key === 'string') map[entry.key] = convert(entry.value ?? '');
    }
    return map;
  }
  return Object.fromEntries(keys.map((k) => [k, convert(node[k] ?? '')]));
}

/** `{ '2': b, '1': a }` -> `[a, b]`, ordered by index, ignoring non-numeric keys. */
const indexed = (node: Tree): (Tree | string)[] =>
  Object.keys(node)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k] ?? '');

const XML_TYPE = 'text/xml';

export function queryResult(
  action: string,
  result: unknown,
  requestId: string,
  options: QueryProtocolOptions,
): WireResponse {
  const body =
    `<${action}Response xmlns="${escapeXml(options.xmlns)}">` +
    `<${action}Result>${xmlChildren(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  return { status: 200, headers: { 'content-type': XML_TYPE, 'x-amzn-requestid': requestId }, body };
}

export function queryError(error: AwsError, requestId: string, options: QueryProtocolOptions): WireResponse {
  const spelled = spellFor('query', error);
  const body =
    `<ErrorResponse xmlns="${escapeXml(options.xmlns)}"><Error>` +
    `<Type>${spelled.senderFault ? 'Sender' : 'Receiver'}</Type>` +
    `<Code>${escapeXml(spelled.code)}</Code><Message>${escapeXml(spelled.message)}</Message>` +
    `</Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return {
    status: spelled.status,
    headers: { 'content-type': XML_TYPE, 'x-amzn-requestid': requestId },
    body,
  };
}
