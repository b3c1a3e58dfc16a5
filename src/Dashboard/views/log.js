// A job's live log with a level filter and a text export.
import { api, download } from '../api.js';
import { h, time } from '../ui.js';

export function logPanel(jobId) {
  const level = h('select', { 'aria-label': 'Log level', onchange: () => refresh() },
    h('option', { value: '' }, 'All levels'), h('option', { value: 'info' }, 'Info'),
    h('option', { value: 'warning' }, 'Warnings'), h('option', { value: 'error' }, 'Errors'));
  const list = h('ol', { class: 'log', 'data-testid': 'log' });
  const panel = h('section', { class: 'panel', 'aria-label': 'Log' },
    h('div', { class: 'row' }, h('h2', {}, 'Log'), level,
      h('button', { onclick: () => download(`jobs/${jobId}/logs?format=text`) }, 'Export log')),
    list);
  let count = -1;

  async function refresh() {
    const query = level.value ? `&level=${level.value}` : '';
    const { items } = await api(`jobs/${jobId}/logs?format=json${query}`);
    const changed = items.length !== count;
    count = items.length;
    list.replaceChildren(...items.map((e) => h('li', { class: e.level },
      h('time', {}, time(e.timestamp)), h('span', { class: 'level' }, e.level.toUpperCase()), h('span', {}, e.message))));
    if (!items.length) list.append(h('li', { class: 'empty' }, 'No log entries yet.'));
    return changed;
  }
  return { panel, refresh };
}
