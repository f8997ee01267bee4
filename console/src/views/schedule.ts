import { postJson, stream } from '../api.ts';
import { badge, h, keepFocus, replace, time } from '../dom.ts';

interface ScheduleView {
  now: number;
  rules: {
    name: string;
    expression: string;
    state: string;
    description: string;
    nextFireAt: number | null;
    targets: string[];
  }[];
}

function inWords(ms: number): string {
  if (ms <= 0) return 'due now';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `in ${Math.round(ms / 1000)} s`;
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `in ${hours} h ${minutes % 60} min` : `in ${minutes} min`;
}

export function mountSchedule(root: HTMLElement): () => void {
  const body = h('div', {}, h('p', {}, 'Loading…'));
  const status = h('p', { role: 'status', class: 'note' });
  replace(root, h('h1', {}, 'Schedule'), status, body);
  return stream<ScheduleView>(
    'stream/schedule',
    {},
    {
      onData(view) {
        if (view.rules.length === 0)
          return replace(body, h('p', { class: 'empty' }, 'The stack has no schedule.'));
        keepFocus(body, () =>
          replace(
            body,
            h(
              'p',
              {},
              'Engine clock: ',
              h('time', { datetime: new Date(view.now).toISOString() }, time(view.now)),
            ),
            ...view.rules.map((rule) =>
              h(
                'article',
                { class: 'card', 'aria-labelledby': `rule-${rule.name}` },
                h('h2', { id: `rule-${rule.name}` }, rule.name, ' ', badge(rule.state)),
                h(
                  'dl',
                  {},
                  h('dt', {}, 'Schedule'),
                  h('dd', {}, h('code', {}, rule.expression)),
                  h('dt', {}, 'Description'),
                  h('dd', {}, rule.description || '—'),
                  h('dt', {}, 'Next firing (engine clock)'),
                  h(
                    'dd',
                    { 'data-next-fire': rule.nextFireAt ?? '' },
                    rule.nextFireAt === null
                      ? '—'
                      : `${time(rule.nextFireAt)} (${inWords(rule.nextFireAt - view.now)})`,
                  ),
                  h('dt', {}, 'Targets'),
                  h('dd', {}, ...rule.targets.map((t) => h('code', {}, t))),
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'primary',
                    'data-key': `trigger-${rule.name}`,
                    onclick: async () => {
                      status.textContent = `Firing ${rule.name}…`;
                      try {
                        const result = await postJson<{ fired: { eventId: string; statusCode: number }[] }>(
                          'schedule/trigger',
                          { rule: rule.name },
                        );
                        status.textContent = `Fired ${rule.name}: ${result.fired.map((f) => `event ${f.eventId} (${f.statusCode})`).join(', ')}`;
                      } catch (error) {
                        status.textContent = `Could not fire ${rule.name}: ${(error as Error).message}`;
                      }
                    },
                  },
                  'Trigger now',
                ),
              ),
            ),
          ),
        );
      },
      onProblem(message) {
        status.textContent = message;
      },
    },
  );
}
