/** The console page: a nav of views, one mounted at a time (hash routing), each live while shown. */
import './style.css';
import { h, replace } from './dom.ts';
import { mountAlarms } from './views/alarms.ts';
import { mountDeadLetters } from './views/dead-letters.ts';
import { mountLogs } from './views/logs.ts';
import { mountMetrics } from './views/metrics.ts';
import { mountRequests } from './views/requests.ts';
import { mountSchedule } from './views/schedule.ts';
import { mountStack } from './views/stack.ts';

export type Unmount = () => void;

const VIEWS: ReadonlyArray<{ id: string; title: string; mount: (root: HTMLElement) => Unmount }> = [
  { id: 'stack', title: 'Stack', mount: mountStack },
  { id: 'requests', title: 'Requests', mount: mountRequests },
  { id: 'logs', title: 'Logs', mount: mountLogs },
  { id: 'metrics', title: 'Metrics', mount: mountMetrics },
  { id: 'alarms', title: 'Alarms', mount: mountAlarms },
  { id: 'dead-letters', title: 'Dead letters', mount: mountDeadLetters },
  { id: 'schedule', title: 'Schedule', mount: mountSchedule },
];

const nav = document.getElementById('nav') as HTMLElement;
const root = document.getElementById('view') as HTMLElement;
let unmount: Unmount | undefined;

replace(
  nav,
  ...VIEWS.map((view) => h('li', {}, h('a', { href: `#/${view.id}`, 'data-view': view.id }, view.title))),
);

function show(): void {
  const id = location.hash.replace(/^#\/?/, '') || 'stack';
  const view = VIEWS.find((v) => v.id === id) ?? VIEWS[0];
  if (!view) return;
  unmount?.();
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.view === view.id) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${view.title} · TapStack console`;
  root.replaceChildren();
  root.dataset.view = view.id;
  unmount = view.mount(root);
}

/**
 * A tab left in the background stops its view's live stream (the server then reads nothing for
 * it); it is shown afresh when the tab is looked at again. A short glance away keeps it live.
 */
export const HIDDEN_GRACE_MS = 5_000;
let hiddenTimer: number | undefined;
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') {
    hiddenTimer ??= window.setTimeout(() => {
      unmount?.();
      unmount = undefined;
      root.dataset.paused = 'true';
    }, HIDDEN_GRACE_MS);
    return;
  }
  window.clearTimeout(hiddenTimer);
  hiddenTimer = undefined;
  if (root.dataset.paused) {
    delete root.dataset.paused;
    show();
  }
});

window.addEventListener('hashchange', () => {
  show();
  root.querySelector('h1')?.setAttribute('tabindex', '-1');
  root.querySelector<HTMLElement>('h1')?.focus();
});
show();
