/**
 * Dead letters: the DLQ's messages with their attributes and body; redrive one or all (the same
 * code as `tapstack dlq --redrive`), purge after typing the queue's name.
 */
import { postJson, stream } from '../api.ts';
import { h, keepFocus, pretty, replace, time } from '../dom.ts';

interface DlqView {
  queueName: string;
  depth: number;
  inFlight?: number;
  messages: { id: string; sentAt: string; attributes: Record<string, string>; body: string }[];
}

const FIRST = ['RequestID', 'ErrorCode', 'ErrorMessage'];

export function mountDeadLetters(root: HTMLElement): () => void {
  let queueName = '';
  const status = h('p', { role: 'status', class: 'note' });
  const summary = h('p', {}, 'Loading…');
  const list = h('div', { class: 'messages' });
  const confirmInput = h('input', {
    id: 'purge-confirm',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const confirmLabel = h('label', { for: 'purge-confirm' }, 'Type the queue name to confirm');
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'purge-title' },
    h('h2', { id: 'purge-title' }, 'Purge the dead-letter queue?'),
    h('p', {}, 'Every message is deleted and cannot be redriven afterwards.'),
    h('div', { class: 'field' }, confirmLabel, confirmInput),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: async () => {
            try {
              const result = await postJson<{ purged: string }>('dlq/purge', { confirm: confirmInput.value });
              status.textContent = `Purged ${result.purged}.`;
              dialog.close();
            } catch (error) {
              status.textContent = `Not purged: ${(error as Error).message}`;
            }
          },
        },
        'Purge',
      ),
    ),
  );

  const redrive = async (messageIds?: string[]) => {
    status.textContent = messageIds ? 'Redriving the message…' : 'Redriving every message…';
    try {
      const result = await postJson<{ redriven: number; failed: number; errors: string[] }>(
        'dlq/redrive',
        messageIds ? { messageIds } : {},
      );
      status.textContent = `Redriven ${result.redriven}; ${result.failed} failed${result.errors.length ? `: ${result.errors.join('; ')}` : ''}.`;
    } catch (error) {
      status.textContent = `Not redriven: ${(error as Error).message}`;
    }
  };

  replace(
    root,
    h('h1', {}, 'Dead letters'),
    summary,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'primary', 'data-key': 'redrive-all', onclick: () => redrive() },
        'Redrive all',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: () => {
            confirmInput.value = '';
            dialog.showModal();
            confirmInput.focus();
          },
        },
        'Purge…',
      ),
    ),
    status,
    list,
    dialog,
  );

  return stream<DlqView>(
    'stream/dlq',
    {},
    {
      onData(view) {
        queueName = view.queueName;
        summary.textContent = `${view.queueName}: ${view.depth} visible${view.inFlight ? `, ${view.inFlight} in flight` : ''}`;
        summary.dataset.depth = String(view.depth);
        keepFocus(list, () => {
          if (view.messages.length === 0)
            return replace(list, h('p', { class: 'empty' }, 'The dead-letter queue is empty.'));
          replace(
            list,
            ...view.messages.map((message) => {
              const names = [
                ...FIRST.filter((n) => n in message.attributes),
                ...Object.keys(message.attributes)
                  .filter((n) => !FIRST.includes(n))
                  .sort(),
              ];
              return h(
                'article',
                { class: 'card', 'aria-label': `Dead letter ${message.id}`, 'data-message': message.id },
                h(
                  'p',
                  { class: 'note' },
                  `Message ${message.id}${message.sentAt ? ` · sent ${time(message.sentAt)}` : ''}`,
                ),
                h(
                  'dl',
                  { class: 'fields' },
                  ...names.flatMap((name) => [
                    h('dt', {}, name),
                    h('dd', {}, message.attributes[name] ?? ''),
                  ]),
                ),
                h('details', {}, h('summary', {}, 'Body'), h('pre', { class: 'body' }, pretty(message.body))),
                h(
                  'button',
                  {
                    type: 'button',
                    'data-key': `redrive-${message.id}`,
                    onclick: () => redrive([message.id]),
                  },
                  'Redrive this message',
                ),
              );
            }),
          );
        });
        confirmLabel.textContent = `Type the queue name (${queueName}) to confirm`;
      },
      onProblem(message) {
        status.textContent = message;
      },
    },
  );
}
