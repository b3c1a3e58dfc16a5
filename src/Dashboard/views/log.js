// A job's live log with a level filter and a text export.
import { api, download } from '../api.js';
import { h, time } from '../ui.js';

export function logPanel(jobId) {
  const level = h('select', { 'aria-label': 'Log level', onchange: () => { reset(); refresh(); } },
    h('option', { value: '' }, 'All levels'), h('option', { value: 'info' }, 'Info'),
    h('option', { value: 'warning' }, 'Warnings'), h('option', { value: 'error' }, 'Errors'));
  const list = h('ol', { class: 'log', 'data-testid': 'log' });
  const panel = h('section', { class: 'panel', 'aria-label': 'Log' },
    h('div', { class: 'row' }, h('h2', {}, 'Log'), level,
      h('button', { onclick: () => download(`jobs/${jobId}/logs?format=text`) }, 'Export log')),
    list);
  // A running job's log is followed: each refresh asks only for the lines stamped after the newest one shown.
  let shown = [];
  let newest = null;
  function reset() { shown = []; newest = null; }

  async function refresh() {
    const query = (level.value ? `&level=${level.value}` : '') + (newest ? `&after=${encodeURIComponent(newest)}` : '');
    const { items } = await api(`jobs/${jobId}/logs?format=json${query}`);
    if (items.length) {
      shown = shown.concat(items);
      newest = items[items.length - 1].timestamp;
      list.replaceChildren(...shown.map((e) => h('li', { class: e.level },
        h('time', {}, time(e.timestamp)), h('span', { class: 'level' }, e.level.toUpperCase()), h('span', {}, e.message))));
    } else if (!shown.length) {
      list.replaceChildren(h('li', { class: 'empty' }, 'No log entries yet.'));
    }
    return items.length > 0;
  }
  return { panel, refresh };
}
