// Jobs: filters, pages, and bulk rerun / delete / export of the selected rows.
import { api, download } from '../api.js';
import { h, badge, time, empty, act, toast } from '../ui.js';
import { waitForOperation } from './operations.js';

const statuses = ['', 'pending', 'running', 'completed', 'failed', 'cancelled'];

export async function render(root) {
  const status = h('select', { 'aria-label': 'Status' }, statuses.map((s) => h('option', { value: s }, s || 'Any status')));
  const label = h('input', { type: 'search', placeholder: 'Label contains', 'aria-label': 'Label contains' });
  const from = h('input', { type: 'date', 'aria-label': 'Created from' });
  const to = h('input', { type: 'date', 'aria-label': 'Created to' });
  const body = h('tbody', {});
  const pager = h('div', { class: 'row' });
  const selectAll = h('input', { type: 'checkbox', 'aria-label': 'Select all jobs on this page', onchange: () => body.querySelectorAll('input[type=checkbox]').forEach((c) => { c.checked = selectAll.checked; }) });
  const bulk = (text, action) => { const b = h('button', { onclick: () => act(b, action) }, text); return b; };
  root.append(h('h1', {}, 'Jobs'),
    h('form', { class: 'row filters', onsubmit: (e) => { e.preventDefault(); load(null, []); } },
      status, label, h('label', {}, 'From ', from), h('label', {}, 'To ', to), h('button', { type: 'submit' }, 'Filter')),
    h('div', { class: 'row' },
      bulk('Rerun selected', rerunSelected), bulk('Delete selected', deleteSelected), bulk('Export selected', exportSelected)),
    h('table', { class: 'jobs', 'data-testid': 'jobs-table' },
      h('thead', {}, h('tr', {}, h('th', {}, selectAll), h('th', {}, 'Label'), h('th', {}, 'Status'), h('th', {}, 'Progress'),
        h('th', {}, 'Images'), h('th', {}, 'Approved'), h('th', {}, 'Failed'), h('th', {}, 'Created'))),
      body),
    pager);

  const selected = () => [...body.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value);

  async function load(continuation, previous) {
    const query = new URLSearchParams({ limit: '20' });
    if (status.value) query.set('status', status.value);
    if (label.value.trim()) query.set('label', label.value.trim());
    if (from.value) query.set('from', from.value);
    if (to.value) query.set('to', new Date(new Date(to.value).getTime() + 86400000).toISOString().slice(0, 10));
    if (continuation) query.set('continuation', continuation);
    body.replaceChildren(h('tr', {}, h('td', { colspan: '8' }, 'Loading…')));
    try {
      const page = await api(`jobs?${query}`);
      body.replaceChildren(...page.items.map((job) => h('tr', { 'data-job-id': job.id },
        h('td', {}, h('input', { type: 'checkbox', value: job.id, 'aria-label': `Select ${job.label}` })),
        h('td', {}, h('a', { href: `#/jobs/${job.id}` }, job.label), job.rerunOf ? h('small', { class: 'muted' }, ' (rerun)') : null),
        h('td', {}, badge(job.status)), h('td', {}, `${job.progress}%`), h('td', {}, String(job.totalImages)),
        h('td', {}, String(job.approvedImages)), h('td', {}, String(job.failedImages)), h('td', {}, time(job.createdAt)))));
      if (!page.items.length) body.replaceChildren(h('tr', {}, h('td', { colspan: '8' }, empty('No jobs match.'))));
      pager.replaceChildren(
        previous.length ? h('button', { onclick: () => load(previous.at(-1), previous.slice(0, -1)) }, 'Previous page') : null,
        page.continuation ? h('button', { onclick: () => load(page.continuation, [...previous, continuation]) }, 'Next page') : null);
    } catch (error) {
      body.replaceChildren(h('tr', {}, h('td', { colspan: '8', class: 'error', role: 'alert' }, error.message)));
    }
  }

  async function rerunSelected() {
    const jobIds = selected();
    if (!jobIds.length) return toast('Select jobs first.');
    const started = await api('jobs/rerun', { method: 'POST', body: { jobIds } });
    const operation = await waitForOperation(started.statusUrl);
    toast(`${operation.result?.started.length ?? 0} job(s) rerun, ${operation.result?.rejected.length ?? 0} rejected.`);
    await load(null, []);
  }

  async function deleteSelected() {
    const jobIds = selected();
    if (!jobIds.length) return toast('Select jobs first.');
    if (!confirm(`Delete ${jobIds.length} job(s) with their images and logs?`)) return;
    const result = await api('jobs/delete', { method: 'POST', body: { jobIds } });
    toast(`${result.deleted.length} deleted${result.rejected.length ? `, ${result.rejected.length} not (${result.rejected.map((r) => r.reason).join(', ')})` : ''}.`);
    await load(null, []);
  }

  async function exportSelected() {
    const jobIds = selected();
    if (!jobIds.length) return toast('Select jobs first.');
    await download('jobs/export', { method: 'POST', body: { jobIds } });
  }

  await load(null, []);
}
