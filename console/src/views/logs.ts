/**
 * Logs: a live tail of the function's and the access log groups, batched once a second, filtered
 * on the server by FilterLogEvents' own filter-pattern syntax.
 */
import { stream } from '../api.ts';
import { h, pretty, replace, time } from '../dom.ts';

interface Line {
  id: string;
  source: 'function' | 'access';
  timestamp: number;
  message: string;
}

const MAX_LINES = 2_000;
const ERROR_PATTERN =
  /\b(ERROR|Error|error)\b|"level":"(ERROR|FATAL)"|errorMessage|"status":"5\d\d"|Task timed out/;

/** A JSON line reads as one line and opens to its pretty-printed form; other lines show as they are. */
function messageOf(message: string): HTMLElement {
  const formatted = pretty(message);
  if (formatted === message) return h('pre', {}, message);
  return h('details', {}, h('summary', {}, h('code', {}, message)), h('pre', {}, formatted));
}

export function mountLogs(root: HTMLElement): () => void {
  let close: (() => void) | undefined;
  let total = 0;
  const input = h('input', {
    id: 'log-filter',
    type: 'text',
    placeholder: 'e.g. ERROR  or  { $.status = "500" }',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const problem = h('p', { role: 'alert', class: 'problem' });
  const count = h('p', { class: 'count', role: 'status' }, 'Connecting…');
  const lines = h('ol', { class: 'log tail', 'aria-label': 'Log lines, oldest first' });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter log lines' },
    h(
      'div',
      { class: 'field grow' },
      h('label', { for: 'log-filter' }, 'Filter pattern (FilterLogEvents syntax)'),
      input,
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Apply'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    connect();
  });
  replace(root, h('h1', {}, 'Logs'), form, problem, count, lines);

  const add = (batch: Line[]) => {
    const atBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 40;
    for (const line of batch) {
      const error = ERROR_PATTERN.test(line.message);
      lines.append(
        h(
          'li',
          { class: error ? 'error' : '', 'data-source': line.source },
          h('span', { class: 'ts' }, time(line.timestamp)),
          h('span', { class: `src src-${line.source}` }, line.source),
          error ? h('span', { class: 'tag-error' }, 'error') : null,
          messageOf(line.message.trimEnd()),
        ),
      );
    }
    total += batch.length;
    while (lines.childElementCount > MAX_LINES) lines.firstElementChild?.remove();
    count.textContent = `${total.toLocaleString('en')} lines${total > MAX_LINES ? ` (last ${MAX_LINES} shown)` : ''}`;
    if (atBottom && batch.length > 0) window.scrollTo(0, document.body.scrollHeight);
  };

  const connect = () => {
    close?.();
    lines.replaceChildren();
    total = 0;
    problem.textContent = '';
    count.textContent = 'Connecting…';
    close = stream<{ lines: Line[] }>(
      'stream/logs',
      { filter: input.value.trim() },
      {
        onData: (data) => add(data.lines),
        onProblem(message) {
          problem.textContent = `Filter refused: ${message}`;
          close?.();
        },
      },
    );
  };
  connect();
  return () => close?.();
}
