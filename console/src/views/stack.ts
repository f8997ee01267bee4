import { stream } from '../api.ts';
import { badge, h, replace, table, time } from '../dom.ts';

interface StackView {
  name: string;
  status: string;
  resources: { logicalId: string; type: string; physicalId: string; status: string }[];
  outputs: { key: string; value: string }[];
  parameters: { key: string; value: string }[];
  events: { time: string; logicalId: string; type: string; status: string; reason: string }[];
}

export function mountStack(root: HTMLElement): () => void {
  const heading = h('h1', {}, 'Stack');
  const body = h('div', { class: 'stack' }, h('p', {}, 'Loading…'));
  const problem = h('p', { role: 'alert', class: 'problem' });
  replace(root, heading, problem, body);
  return stream<StackView>(
    'stream/stack',
    {},
    {
      onData(stack) {
        problem.textContent = '';
        replace(heading, `Stack ${stack.name} `, badge(stack.status));
        replace(
          body,
          table(
            'Resources',
            ['Logical ID', 'Type', 'Physical ID', 'Status'],
            stack.resources.map((r) => [r.logicalId, r.type, h('code', {}, r.physicalId), badge(r.status)]),
          ),
          h(
            'div',
            { class: 'two' },
            table(
              'Outputs',
              ['Key', 'Value'],
              stack.outputs.map((o) => [o.key, h('code', {}, o.value)]),
            ),
            table(
              'Parameters',
              ['Key', 'Value'],
              stack.parameters.map((p) => [p.key, h('code', {}, p.value)]),
            ),
          ),
          table(
            'Recent stack events',
            ['Time', 'Logical ID', 'Type', 'Status', 'Reason'],
            stack.events.map((e) => [time(e.time), e.logicalId, e.type, badge(e.status), e.reason]),
          ),
        );
      },
      onProblem(message) {
        problem.textContent = message;
      },
    },
  );
}
