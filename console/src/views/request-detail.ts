import { tokenUrl } from '../api.ts';
import { h, pretty, replace, table } from '../dom.ts';

interface Detail {
  item: Record<string, unknown>;
  accessLine?: string;
  functionLines: string[];
  s3?: { bucket: string; key: string };
}

const FIELDS = [
  'RequestId',
  'Timestamp',
  'Source',
  'Method',
  'Path',
  'QueryString',
  'SourceIp',
  'UserAgent',
  'ContentType',
  'BodySize',
];

function bodyOf(item: Record<string, unknown>): HTMLElement {
  const body = item.Body;
  if (typeof body !== 'string') return h('p', { class: 'empty' }, 'No body stored inline.');
  if (item.BodyEncoding === 'base64')
    return h(
      'div',
      {},
      h('p', { class: 'tag' }, 'Binary body, shown as base64'),
      h('pre', { class: 'body' }, body),
    );
  const contentType = String(item.ContentType ?? '');
  const text = /json/i.test(contentType) ? pretty(body) : body;
  return h('pre', { class: 'body', 'data-testid': 'body' }, text);
}

export function renderDetail(detail: Detail, container: HTMLElement): void {
  const { item } = detail;
  const headers = (item.Headers ?? {}) as Record<string, string>;
  replace(
    container,
    h('h2', { id: 'detail-title' }, `${String(item.Method ?? '')} ${String(item.Path ?? '')}`),
    h(
      'dl',
      { class: 'fields' },
      ...FIELDS.filter((f) => item[f] !== undefined && item[f] !== '').flatMap((f) => [
        h('dt', {}, f),
        h('dd', { 'data-field': f }, String(item[f])),
      ]),
    ),
    table(
      'Headers (as stored, secrets redacted)',
      ['Name', 'Value'],
      Object.entries(headers)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => [name, h('code', {}, value)]),
    ),
    Array.isArray(item.Cookies) ? h('p', {}, 'Cookies: ', h('code', {}, item.Cookies.join('; '))) : null,
    h('h3', {}, 'Body'),
    detail.s3
      ? h(
          'p',
          {},
          'Body archived in S3: ',
          h(
            'a',
            { href: tokenUrl('archive', detail.s3), download: '' },
            `s3://${detail.s3.bucket}/${detail.s3.key}`,
          ),
        )
      : bodyOf(item),
    h(
      'div',
      { class: 'two' },
      h(
        'section',
        { 'aria-labelledby': 'access-title' },
        h('h3', { id: 'access-title' }, 'Access-log line'),
        detail.accessLine
          ? h('pre', { class: 'log-line', 'data-testid': 'access-line' }, pretty(detail.accessLine))
          : h('p', { class: 'empty' }, 'Not written yet.'),
      ),
      h(
        'section',
        { 'aria-labelledby': 'function-title' },
        h('h3', { id: 'function-title' }, 'Function log lines'),
        detail.functionLines.length > 0
          ? h(
              'ol',
              { class: 'log', 'data-testid': 'function-lines' },
              ...detail.functionLines.map((line) => h('li', {}, h('pre', {}, pretty(line)))),
            )
          : h('p', { class: 'empty' }, 'None.'),
      ),
    ),
  );
}
