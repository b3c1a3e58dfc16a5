// Main: statistics, every running job with its progress, the newest one live (progress + log), the approved-image gallery.
import { api, download } from '../api.js';
import { h, poll, progressBar, empty, time, badge, act, toast, loading } from '../ui.js';
import { pagedImageGrid } from './images.js';
import { logPanel } from './log.js';

function statsPanel(stats) {
  const rate = stats.successRate === null ? '—' : `${Math.round(stats.successRate * 100)}%`;
  const cell = (label, value, id) => h('div', { class: 'stat', 'data-testid': id }, h('span', { class: 'value' }, String(value)), h('span', { class: 'label' }, label));
  return h('section', { class: 'stats', 'aria-label': 'Statistics' },
    cell('Jobs', stats.totalJobs, 'stat-jobs'),
    cell('Running', stats.jobsByStatus.running ?? 0, 'stat-running'),
    cell('Success rate', rate, 'stat-success'),
    cell('Images generated', stats.imagesGenerated, 'stat-generated'),
    cell('Approved', stats.approvedImages, 'stat-approved'),
    cell('Failed', stats.failedImages, 'stat-failed'));
}

export async function render(root) {
  const stats = h('div', {});
  const current = h('section', { class: 'panel', 'aria-label': 'Current job', 'data-testid': 'current-job' }, loading());
  const others = h('section', { 'aria-label': 'Running jobs' });
  const search = h('input', { type: 'search', placeholder: 'Search title, tags, prompt', 'aria-label': 'Search the gallery' });
  const jobFilter = h('input', { type: 'text', placeholder: 'Job id', 'aria-label': 'Only images of job' });
  const layout = h('button', { 'aria-pressed': 'false', onclick: () => { layout.setAttribute('aria-pressed', String(layout.getAttribute('aria-pressed') !== 'true')); loadGallery(); } }, 'List view');
  const gallery = h('div', {}, loading());
  const galleryPanel = h('section', { class: 'panel', 'aria-label': 'Gallery', 'aria-busy': 'true' },
    h('div', { class: 'row' }, h('h2', {}, 'Gallery'), search, jobFilter, layout,
      h('a', { class: 'button', href: '#', onclick: (e) => { e.preventDefault(); exportGallery(); } }, 'Export ZIP')),
    gallery);
  root.append(h('h1', {}, 'Overview'), stats, others, current, galleryPanel);

  let shownJob = null;
  let log = null;
  let approvedSeen = null;

  let gallerySequence = 0;
  async function loadGallery() {
    const sequence = ++gallerySequence;
    // Busy until the newest search is shown: the grid on screen until then answers an older one.
    galleryPanel.setAttribute('aria-busy', 'true');
    const query = new URLSearchParams({ limit: '60' });
    if (search.value.trim()) query.set('q', search.value.trim());
    if (jobFilter.value.trim()) { query.set('jobId', jobFilter.value.trim()); query.set('qcStatus', 'approved'); }
    try {
      const grid = await pagedImageGrid(`images?${query}`, { testId: 'gallery', layout: layout.getAttribute('aria-pressed') === 'true' ? 'list' : 'tiles' },
        { emptyText: 'No approved images yet.', isCurrent: () => sequence === gallerySequence }); // a newer search may be on its way
      if (grid) gallery.replaceChildren(grid);
    } catch (error) {
      if (sequence === gallerySequence) gallery.replaceChildren(h('p', { class: 'error', role: 'alert' }, error.message));
    } finally {
      if (sequence === gallerySequence) galleryPanel.setAttribute('aria-busy', 'false');
    }
  }

  async function exportGallery() {
    const query = new URLSearchParams();
    if (search.value.trim()) query.set('q', search.value.trim());
    if (jobFilter.value.trim()) query.set('jobId', jobFilter.value.trim());
    await download(`images/export.zip?${query}`).catch((e) => toast(e.message, 'error'));
  }

  async function startSaved(select, button) {
    await act(button, async () => {
      const started = await api('jobs', { method: 'POST', body: { configurationId: select.value } });
      toast(`Job ${started.id} started.`);
      await tick();
    });
  }

  async function renderCurrent(job) {
    if (!job) {
      const { items: configurations } = await api('configurations?limit=100');
      const select = h('select', { 'aria-label': 'Saved configuration' }, configurations.map((c) => h('option', { value: c.id }, c.name)));
      const start = h('button', { onclick: () => startSaved(select, start), disabled: !configurations.length }, 'Start job');
      current.replaceChildren(h('h2', {}, 'No job is running'),
        configurations.length ? h('div', { class: 'row' }, select, start) : empty('Save a configuration in Settings to start a job.'));
      shownJob = null;
      return;
    }
    if (shownJob !== job.id) {
      shownJob = job.id;
      log = logPanel(job.id);
      current.replaceChildren(h('div', { 'data-testid': 'job-summary' }), log.panel);
    }
    current.firstChild.replaceChildren(
      h('h2', {}, h('a', { href: `#/jobs/${job.id}` }, job.label), ' ', badge(job.status)),
      progressBar(job.progress, `Progress of ${job.label}`),
      h('p', { class: 'muted' }, `${job.phase} · ${job.totalImages} images, ${job.approvedImages} approved, ${job.failedImages} failed · started ${time(job.startedAt)}`));
    await log.refresh();
  }

  // Every running job with its progress; the log below follows the newest of them.
  function renderRunning(jobs) {
    others.replaceChildren(...(jobs.length > 1 ? [h('h3', {}, `${jobs.length} jobs running`),
      h('ul', { class: 'running-jobs', 'data-testid': 'running-jobs' }, jobs.map((j) => h('li', {},
        h('a', { href: `#/jobs/${j.id}` }, j.label), ' ', progressBar(j.progress, `Progress of ${j.label}`),
        h('small', { class: 'muted' }, ` ${j.progress}% · ${j.phase} · ${j.totalImages} images`))))] : []));
  }

  async function tick() {
    const [statistics, running, latest] = await Promise.all([
      api('stats'), api('jobs?status=running&limit=50'), api('jobs?limit=1')]);
    stats.replaceChildren(statsPanel(statistics));
    renderRunning(running.items);
    // The newest running job, else the latest one (so a job that just finished still shows 100%).
    const job = running.items[0] ?? (shownJob ? await api(`jobs/${shownJob}`).catch(() => null) : latest.items[0]);
    await renderCurrent(job);
    // New approvals (a job's images, a review) refresh the gallery; otherwise it stays as the user left it.
    if (approvedSeen !== null && approvedSeen !== statistics.approvedImages) await loadGallery();
    approvedSeen = statistics.approvedImages;
    return running.items.length > 0;
  }

  // Searched once typing pauses, not at every keystroke (a half-typed job id is not one).
  let typing;
  const searchSoon = () => { clearTimeout(typing); typing = setTimeout(loadGallery, 300); };
  search.addEventListener('input', searchSoon);
  jobFilter.addEventListener('input', searchSoon);
  await loadGallery();
  return poll(tick, { fast: 1000, slow: 8000 });
}
