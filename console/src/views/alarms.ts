/** Alarms: each alarm's state and reason, its state history as a timeline, and the SNS deliveries it caused. */
import { stream } from '../api.ts';
import { badge, h, replace, table, time } from '../dom.ts';

interface AlarmView {
  name: string;
  description: string;
  state: string;
  reason: string;
  updated: string;
  metric: string;
  history: { time: string; summary: string; from?: string; to?: string }[];
  deliveries: { time: string; status: string; protocol: string; endpoint: string; subject: string }[];
}

export function mountAlarms(root: HTMLElement): () => void {
  const body = h('div', {}, h('p', {}, 'Loading…'));
  const problem = h('p', { role: 'alert', class: 'problem' });
  replace(root, h('h1', {}, 'Alarms'), problem, body);
  return stream<AlarmView[]>(
    'stream/alarms',
    {},
    {
      onData(alarms) {
        problem.textContent = '';
        if (alarms.length === 0) return replace(body, h('p', { class: 'empty' }, 'The stack has no alarms.'));
        replace(
          body,
          ...alarms.map((alarm) => {
            const slug = alarm.name.replace(/[^A-Za-z0-9-]/g, '-');
            return h(
              'article',
              {
                class: `card alarm state-${alarm.state.toLowerCase()}`,
                'aria-labelledby': `alarm-${slug}`,
                'data-alarm': alarm.name,
              },
              h('h2', { id: `alarm-${slug}` }, alarm.name, ' ', badge(alarm.state)),
              h('p', {}, alarm.description),
              h('p', { class: 'reason' }, h('strong', {}, 'Reason: '), alarm.reason || '—'),
              h(
                'p',
                { class: 'note' },
                h('code', {}, alarm.metric),
                alarm.updated ? ` · since ${time(alarm.updated)}` : '',
              ),
              h('h3', {}, 'History'),
              alarm.history.length === 0
                ? h('p', { class: 'empty' }, 'No state changes yet.')
                : h(
                    'ol',
                    { class: 'timeline', 'aria-label': `${alarm.name} state history, oldest first` },
                    ...alarm.history.map((item) =>
                      h(
                        'li',
                        { 'data-to': item.to ?? '' },
                        h('time', { datetime: item.time }, time(item.time)),
                        ' ',
                        item.from && item.to
                          ? h('span', {}, badge(item.from), ' → ', badge(item.to))
                          : item.summary,
                      ),
                    ),
                  ),
              table(
                'SNS deliveries',
                ['Time', 'Status', 'Protocol', 'Endpoint', 'Subject'],
                alarm.deliveries.map((d) => [
                  time(d.time),
                  d.status,
                  d.protocol || 'topic',
                  d.endpoint,
                  d.subject,
                ]),
                'none recorded',
              ),
            );
          }),
        );
      },
      onProblem(message) {
        problem.textContent = message;
      },
    },
  );
}
