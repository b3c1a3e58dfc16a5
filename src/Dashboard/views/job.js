// One job: progress, counts, images by status, log, its settings; rename, rerun, edit and rerun, cancel, delete, export.
import { api, download } from '../api.js';
import { h, badge, time, progressBar, poll, act, toast, empty, loading, showFieldErrors } from '../ui.js';
import { pagedImageGrid } from './images.js';
import { logPanel } from './log.js';
import { configurationForm, settingsOverview } from './configurationForm.js';

const tabs = [['approved', 'Approved'], ['qc_failed', 'Failed QC'], ['retry_failed', 'Retry failed'], ['', 'All']];

export async function render(root, { id }) {
  // Facts are redrawn as the job moves; the controls only when what they offer changes, so a keyboard user's focus and
  // a half-typed label survive the polling.
  const facts = h('div', {});
  const controls = h('div', {});
  const summary = h('section', { class: 'panel', 'data-testid': 'job-summary' }, facts, controls);
  const images = h('div', {}, loading());
  let tab = 'approved';
  // A tab click clears the previous tab's images at once: nothing of them can be pressed while the new tab loads.
  const tabBar = h('div', { role: 'tablist', class: 'tabs' }, tabs.map(([value, text]) =>
    h('button', { role: 'tab', 'aria-selected': String(value === tab), onclick: (e) => { tab = value; tabBar.querySelectorAll('[role=tab]').forEach((t) => t.setAttribute('aria-selected', String(t === e.target))); images.replaceChildren(loading()); loadImages(); } }, text)));
  const log = logPanel(id);
  const settings = h('section', { class: 'panel', 'aria-label': 'Settings' });
  const editor = h('div', {});
  root.append(summary, editor, h('section', { class: 'panel', 'aria-label': 'Images' }, h('h2', {}, 'Images'), tabBar, images), log.panel, settings);

  let job;
  let loadSequence = 0;
  async function loadImages() {
    const sequence = ++loadSequence;
    const query = new URLSearchParams({ limit: '100' });
    if (tab) query.set('qcStatus', tab);
    // A load for a tab clicked since then is on its way: this one's answer must not replace it.
    const grid = await pagedImageGrid(`jobs/${id}/images?${query}`, {}, { emptyText: 'No images in this tab.', isCurrent: () => sequence === loadSequence });
    if (grid) images.replaceChildren(grid);
  }

  function renderSummary() {
    const name = h('input', { value: job.label, 'aria-label': 'Job label' });
    const button = (text, action, attrs = {}) => { const b = h('button', { ...attrs, onclick: () => act(b, action) }, text); return b; };
    const running = job.status === 'pending' || job.status === 'running';
    facts.replaceChildren(
      h('h1', {}, job.label, ' ', badge(job.status)),
      progressBar(job.progress, 'Job progress'),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Phase'), h('dd', {}, job.phase),
        h('dt', {}, 'Generations'), h('dd', {}, `${job.totalGenerations} (${job.failedGenerations} failed)`),
        h('dt', {}, 'Images'), h('dd', { 'data-testid': 'counts' }, `${job.totalImages} · ${job.approvedImages} approved · ${job.failedImages} failed`),
        h('dt', {}, 'Spend'), h('dd', { 'data-testid': 'spend' }, `$${job.spend} reported` + (job.providerCredits ? ` (${job.providerCredits} credits)` : '') + (job.estimatedCost != null ? ` · estimated $${job.estimatedCost}` : ' · no estimate (price unknown)')),
        h('dt', {}, 'Created'), h('dd', {}, time(job.createdAt)),
        h('dt', {}, 'Started'), h('dd', {}, time(job.startedAt)),
        h('dt', {}, 'Completed'), h('dd', {}, time(job.completedAt)),
        job.rerunOf ? [h('dt', {}, 'Rerun of'), h('dd', {}, h('a', { href: `#/jobs/${job.rerunOf}` }, job.rerunOf))] : null,
        job.errorMessage ? [h('dt', {}, 'Error'), h('dd', { class: 'error' }, job.errorMessage)] : null));
    const offered = JSON.stringify([job.label, running]);
    if (controls.dataset.offered === offered) return;
    controls.dataset.offered = offered;
    controls.replaceChildren(
      h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); act(e.submitter, async () => { job = await api(`jobs/${id}`, { method: 'PATCH', body: { label: name.value } }); renderSummary(); toast('Renamed.'); }); } },
        name, h('button', { type: 'submit' }, 'Rename')),
      h('div', { class: 'row' },
        button('Rerun', async () => { const started = await api(`jobs/${id}/rerun`, { method: 'POST' }); location.hash = `#/jobs/${started.id}`; }),
        button('Edit and rerun', async () => editAndRerun()),
        running ? button('Cancel', async () => { job = await api(`jobs/${id}/cancel`, { method: 'POST' }); renderSummary(); }) : null,
        button('Delete', async () => { if (confirm('Delete this job, its images and its log?')) { await api(`jobs/${id}`, { method: 'DELETE' }); location.hash = '#/jobs'; } }, { disabled: running }),
        button('Export workbook', () => download(`jobs/${id}/export.xlsx`))));
  }

  // A new job from this job's settings as changed here; this job stays as it is.
  function editAndRerun() {
    const { form, read } = configurationForm(job.configuration, {
      label: `Edit and rerun ${job.label}`,
      buttons: [h('button', { type: 'submit' }, 'Start rerun'), h('button', { type: 'button', onclick: () => editor.replaceChildren() }, 'Close')],
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      act(e.submitter, async () => {
        try {
          const started = await api(`jobs/${id}/rerun`, { method: 'POST', body: { configuration: read() } });
          location.hash = `#/jobs/${started.id}`;
        } catch (error) {
          // The API names fields under configuration.; the form's fields are named without it.
          const errors = Object.fromEntries(Object.entries(error.errors ?? {}).map(([k, v]) => [k.replace(/^configuration\./, ''), v]));
          showFieldErrors(form, error.status === 400 ? errors : {});
          if (error.status !== 400) throw error;
        }
      });
    });
    editor.replaceChildren(h('section', { class: 'panel' }, h('h2', {}, 'Edit and rerun'), form));
    form.querySelector('[data-field="keywords"]').focus();
  }

  async function tick() {
    const previous = job;
    job = await api(`jobs/${id}`);
    if (!settings.firstChild) settings.append(h('h2', {}, 'Settings'), settingsOverview(job.configuration));
    renderSummary();
    await log.refresh();
    if (!previous || previous.totalImages !== job.totalImages || previous.approvedImages !== job.approvedImages) await loadImages();
    return job.status === 'pending' || job.status === 'running';
  }

  await tick();
  return poll(tick, { fast: 1000, slow: 15000 });
}
