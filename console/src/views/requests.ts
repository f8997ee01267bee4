/**
 * Requests: the stored requests of a time window (ByTime index on the server), newest first, in a
 * virtualised list (only the rows in view exist in the DOM, so 100,000 rows scroll smoothly),
 * client-side filters, and a detail panel for the chosen request.
 *
 * Rows that arrive live come without their status (the server would otherwise read every
 * access-log line): the rows in view that lack one are looked up, at most once a second. Once a
 * status filter is typed the stream is reopened with every status, since the filter needs them all.
 */
import { getJson, stream } from '../api.ts';
import { h, replace } from '../dom.ts';
import { renderDetail } from './request-detail.ts';
import { type Row, RowList } from './row-list.ts';

const ROW_HEIGHT = 30;
const OVERSCAN = 6;
const LOOKUP_INTERVAL_MS = 1_000;
/** The server's limit on ids per lookup. */
const MAX_LOOKUP_IDS = 100;
/** Lookups of one row before it is left without a status (its access line never came). */
const MAX_LOOKUPS_PER_ROW = 60;

function statusMatches(status: number, wanted: string): boolean {
  if (!wanted) return true;
  const text = wanted.trim().toLowerCase();
  if (/^[1-5]xx$/.test(text)) return Math.floor(status / 100) === Number(text[0]);
  return String(status) === text;
}

export function mountRequests(root: HTMLElement): () => void {
  /** [id, iso time, method, path, source, ip, bytes, status] as the server sends them, newest first. */
  let rows = new RowList();
  /** id -> row, kept as rows arrive (never rebuilt from the whole list). */
  const index = new Map<string, Row>();
  let shown = rows;
  let selected: string | undefined;
  let closeStream: (() => void) | undefined;
  /** True while older slices of the window are still arriving. */
  let loading = true;
  /** The stream sends every row's status (a status filter is or was on); otherwise rows in view are looked up. */
  let withStatuses = false;
  let lookupBusy = false;
  let lastLookup = 0;
  let lookupTimer: number | undefined;
  /**
   * Rows the live stream sent without a status, with the lookups made for each so far: only these
   * are looked up (a row of the first read that has none has no access line to find).
   */
  const awaiting = new Map<string, number>();
  /** False once the view is unmounted: a lookup answering after that asks for nothing more. */
  let mounted = true;

  const method = h(
    'select',
    { id: 'f-method' },
    ...['', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'SCHEDULED'].map((m) =>
      h('option', { value: m }, m || 'Any'),
    ),
  );
  const path = h('input', { id: 'f-path', type: 'search', placeholder: '/orders', autocomplete: 'off' });
  const status = h('input', {
    id: 'f-status',
    type: 'text',
    placeholder: '2xx, 404…',
    size: 8,
    autocomplete: 'off',
  });
  const source = h(
    'select',
    { id: 'f-source' },
    h('option', { value: '' }, 'Any'),
    h('option', { value: 'API Gateway' }, 'API Gateway'),
    h('option', { value: 'EventBridge Scheduled Event' }, 'Scheduled event'),
  );
  const range = h(
    'select',
    { id: 'f-range' },
    h('option', { value: '15m' }, 'Last 15 minutes'),
    h('option', { value: '1h', selected: true }, 'Last hour'),
    h('option', { value: '24h' }, 'Last 24 hours'),
  );
  const field = (id: string, label: string, control: HTMLElement) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const count = h('p', { class: 'count', role: 'status', 'aria-live': 'polite' }, 'Loading…');
  const problem = h('p', { role: 'alert', class: 'problem' });

  const spacer = h('div', { class: 'vspacer', 'aria-hidden': 'true' });
  const list = h('div', {
    class: 'vlist',
    role: 'listbox',
    'aria-label': 'Requests, newest first',
    tabindex: '0',
  });
  list.append(spacer);
  const detail = h(
    'section',
    { class: 'detail', 'aria-labelledby': 'detail-title', tabindex: '0' },
    h('h2', { id: 'detail-title' }, 'Request detail'),
    h('p', { class: 'empty' }, 'Choose a request to see its headers, body and log lines.'),
  );

  replace(
    root,
    h('h1', {}, 'Requests'),
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        'aria-label': 'Filter requests',
        onsubmit: (e: Event) => e.preventDefault(),
      },
      field('f-range', 'Time window', range),
      field('f-method', 'Method', method),
      field('f-path', 'Path contains', path),
      field('f-status', 'Status', status),
      field('f-source', 'Source', source),
    ),
    count,
    problem,
    h(
      'div',
      { class: 'requests' },
      h(
        'div',
        { class: 'list-wrap' },
        h(
          'div',
          { class: 'vhead', 'aria-hidden': 'true' },
          h('span', {}, 'Time (UTC)'),
          h('span', {}, 'Method'),
          h('span', {}, 'Status'),
          h('span', {}, 'Path'),
          h('span', {}, 'Source'),
          h('span', {}, 'Bytes'),
        ),
        list,
      ),
      detail,
    ),
  );

  const filtering = () => Boolean(method.value || path.value.trim() || status.value || source.value);
  const matches = (r: Row) => {
    const m = method.value;
    const p = path.value.trim();
    const so = source.value;
    return (
      (!m || r[2] === m) &&
      (!p || r[3].includes(p)) &&
      statusMatches(r[7], status.value) &&
      (!so || r[4] === so)
    );
  };
  /** Recomputes which rows match (a full pass: only when a filter changes). */
  const applyFilters = () => {
    shown = filtering() ? rows.filter(matches) : rows;
    refresh();
  };
  /** The count, the list's height and the rows in view, after rows or statuses arrived. */
  const refresh = () => {
    const counted =
      shown.length === rows.length
        ? `${rows.length.toLocaleString('en')} requests`
        : `${shown.length.toLocaleString('en')} of ${rows.length.toLocaleString('en')} requests match`;
    count.textContent = loading ? `${counted} (loading older…)` : counted;
    spacer.style.height = `${shown.length * ROW_HEIGHT}px`;
    render();
  };

  /**
   * The range the last render drew. The status lookup reads it instead of the list's scroll
   * position: read after render replaced rows, that position would make the browser lay out again.
   */
  let rendered: [number, number] = [0, 0];
  /** The rows in view (with the overscan) whose status has not come yet. */
  const waitingForStatus = (): Row[] => {
    const [first, last] = rendered;
    const waiting: Row[] = [];
    for (let i = first; i < last && waiting.length < MAX_LOOKUP_IDS; i++) {
      const row = shown.at(i);
      if (row && row[7] === 0 && awaiting.has(row[0])) waiting.push(row);
    }
    return waiting;
  };
  const lookUpStatuses = () => {
    if (!mounted || withStatuses || lookupBusy || lookupTimer !== undefined) return;
    const wait = lastLookup + LOOKUP_INTERVAL_MS - Date.now();
    if (wait > 0) {
      lookupTimer = window.setTimeout(() => {
        lookupTimer = undefined;
        lookUpStatuses();
      }, wait);
      return;
    }
    const waiting = waitingForStatus();
    if (waiting.length === 0) return;
    lookupBusy = true;
    lastLookup = Date.now();
    // An access line's time is its request's arrival, which is also the item's Timestamp (the
    // function stores requestContext.timeEpoch): the lines sought lie between the rows' times.
    const times = waiting.map((row) => Date.parse(row[1]));
    for (const row of waiting) {
      const made = (awaiting.get(row[0]) ?? 0) + 1;
      if (made >= MAX_LOOKUPS_PER_ROW) awaiting.delete(row[0]);
      else awaiting.set(row[0], made);
    }
    getJson<{ statuses: [string, number][] }>('statuses', {
      ids: waiting.map((row) => row[0]).join(','),
      from: String(Math.min(...times)),
      to: String(Math.max(...times)),
    })
      .then(({ statuses }) => {
        for (const [id, code] of statuses) {
          const row = index.get(id);
          if (row) row[7] = code;
          awaiting.delete(id);
        }
      })
      .catch((error: unknown) => {
        problem.textContent = (error as Error).message;
      })
      .finally(() => {
        lookupBusy = false;
        // Draws what came, and asks again (a second later) for rows still waiting.
        render();
      });
  };

  const inView = (): [number, number] => {
    const first = Math.max(0, Math.floor(list.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const visible = Math.ceil((list.clientHeight || 600) / ROW_HEIGHT) + OVERSCAN * 2;
    return [first, Math.min(shown.length, first + visible)];
  };
  const pool: HTMLElement[] = [];
  const render = () => {
    rendered = inView();
    const [first, last] = rendered;
    while (pool.length < last - first) {
      const option = h('div', { class: 'vrow', role: 'option', id: `request-option-${pool.length}` });
      option.addEventListener('click', () => choose(option.dataset.id ?? ''));
      pool.push(option);
      list.append(option);
    }
    pool.forEach((option, i) => {
      const row = shown.at(first + i);
      if (!row) {
        option.hidden = true;
        return;
      }
      option.hidden = false;
      if (row[0] === selected) list.setAttribute('aria-activedescendant', option.id);
      option.style.transform = `translateY(${(first + i) * ROW_HEIGHT}px)`;
      if (option.dataset.id === row[0] && option.dataset.status === String(row[7])) {
        option.setAttribute('aria-selected', String(row[0] === selected));
        return;
      }
      option.dataset.id = row[0];
      option.dataset.status = String(row[7]);
      option.setAttribute('aria-selected', String(row[0] === selected));
      option.setAttribute('aria-posinset', String(first + i + 1));
      option.setAttribute('aria-setsize', String(shown.length));
      const statusText = row[4] !== 'API Gateway' ? '—' : row[7] ? String(row[7]) : '…';
      replace(
        option,
        h('span', {}, row[1].slice(0, 23).replace('T', ' ')),
        h('span', { class: `method m-${row[2].toLowerCase()}` }, row[2]),
        h('span', { class: `status s${Math.floor(row[7] / 100)}` }, statusText),
        h('span', { class: 'path' }, row[3]),
        h('span', {}, row[4] === 'API Gateway' ? 'API' : 'Schedule'),
        h('span', { class: 'num' }, row[6].toLocaleString('en')),
      );
    });
    lookUpStatuses();
  };

  const choose = async (id: string) => {
    const row = index.get(id);
    if (!row) return;
    selected = id;
    render();
    replace(detail, h('h2', { id: 'detail-title' }, 'Request detail'), h('p', {}, 'Loading…'));
    try {
      const data = await getJson<Parameters<typeof renderDetail>[0]>('request', { id: row[0], ts: row[1] });
      if (selected === id) renderDetail(data, detail);
    } catch (error) {
      replace(
        detail,
        h('h2', { id: 'detail-title' }, 'Request detail'),
        h('p', { role: 'alert' }, (error as Error).message),
      );
    }
  };

  const move = (delta: number) => {
    if (shown.length === 0) return;
    const at = selected ? shown.indexOf(selected) : -1;
    const next = Math.min(shown.length - 1, Math.max(0, at + delta));
    const row = shown.at(next);
    if (!row) return;
    const top = next * ROW_HEIGHT;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight)
      list.scrollTop = top + ROW_HEIGHT - list.clientHeight;
    void choose(row[0]);
  };
  list.addEventListener('keydown', (event) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 15, PageUp: -15 }[event.key];
    if (step !== undefined) {
      event.preventDefault();
      move(step);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      move(event.key === 'Home' ? -shown.length : shown.length);
    }
  });
  list.addEventListener('scroll', () => requestAnimationFrame(render), { passive: true });

  const connect = () => {
    closeStream?.();
    loading = true;
    count.textContent = 'Loading…';
    closeStream = stream<{
      kind: 'reset' | 'older' | 'add' | 'status';
      rows: Row[];
      done?: boolean;
      statuses?: [string, number][];
    }>(
      'stream/requests',
      { range: range.value, statuses: withStatuses ? 'all' : 'view' },
      {
        onData(message) {
          problem.textContent = '';
          if (message.kind === 'status') {
            for (const [id, code] of message.statuses ?? []) {
              const row = index.get(id);
              if (row) row[7] = code;
              awaiting.delete(id);
            }
            // The window's first read is complete (rows and statuses): tests and benches wait on it.
            if (message.done) list.dataset.complete = 'true';
            // Only a status filter can change which rows match.
            if (status.value) applyFilters();
            else refresh();
            return;
          }
          if (message.kind === 'reset') {
            delete list.dataset.complete;
            rows = new RowList();
            index.clear();
            awaiting.clear();
          }
          if (message.kind !== 'add') loading = !message.done;
          const fresh: Row[] = [];
          for (const row of message.rows) {
            const held = index.get(row[0]);
            if (held) {
              // A row sent again without its status (0) keeps the one already known.
              if (row[7] !== 0) held[7] = row[7];
              continue;
            }
            index.set(row[0], row);
            fresh.push(row);
          }
          if (message.kind === 'add') {
            rows.addNewer(fresh);
            for (const row of fresh) if (row[4] === 'API Gateway' && row[7] === 0) awaiting.set(row[0], 0);
          } else rows.addOlder(fresh);
          if (message.kind === 'reset' || !filtering()) {
            applyFilters();
            return;
          }
          // Filtering: only the new rows are matched.
          const matching = fresh.filter(matches);
          if (message.kind === 'add') shown.addNewer(matching);
          else shown.addOlder(matching);
          refresh();
        },
        onProblem(message) {
          problem.textContent = message;
        },
      },
    );
  };
  for (const control of [method, source]) control.addEventListener('change', applyFilters);
  path.addEventListener('input', applyFilters);
  status.addEventListener('input', () => {
    if (status.value.trim() === '' || withStatuses) return applyFilters();
    // The filter needs every row's status: the window is read again with them, live ones included.
    withStatuses = true;
    connect();
  });
  range.addEventListener('change', connect);
  connect();
  return () => {
    mounted = false;
    closeStream?.();
    window.clearTimeout(lookupTimer);
  };
}
