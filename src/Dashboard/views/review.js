// Review: tabs per failed status and an approved tab; approve, reject, delete; select the images shown or every image of
// the tab (up to the retry's limit, across pages); retry with original or modified settings.
import { api } from '../api.js';
import { h, act, toast, empty, progressBar, showFieldErrors, loading } from '../ui.js';
import { pagedImageGrid } from './images.js';
import { waitForOperation } from './operations.js';

/** The most images one retry takes (the API refuses more). */
const maxRetry = 500;

const tabs = [['qc_failed', 'Failed quality check'], ['retry_failed', 'Failed retry'], ['retry_pending', 'Waiting for retry'], ['processing', 'Retrying'], ['approved', 'Approved']];

function processingFields() {
  const field = (label, input) => h('label', {}, label, input);
  return h('fieldset', { class: 'processing', 'data-testid': 'retry-settings', hidden: true },
    h('legend', {}, 'Processing settings for the retry'),
    field('Convert to ', h('select', { 'data-field': 'settings.convertTo', name: 'convertTo' }, ['png', 'jpg', 'webp'].map((f) => h('option', { value: f }, f)))),
    field('Convert ', h('input', { type: 'checkbox', 'data-field': 'settings.imageConvert', name: 'imageConvert' })),
    field('Remove background ', h('input', { type: 'checkbox', 'data-field': 'settings.removeBg', name: 'removeBg' })),
    field('Background removal size ', h('select', { 'data-field': 'settings.removeBgSize', name: 'removeBgSize' }, ['auto', 'preview', 'full', '4k'].map((f) => h('option', { value: f }, f)))),
    field('JPG background ', h('select', { 'data-field': 'settings.jpgBackground', name: 'jpgBackground' }, ['white', 'black'].map((f) => h('option', { value: f }, f)))),
    field('JPG quality (1-100) ', h('input', { type: 'number', min: '1', max: '100', value: '100', 'data-field': 'settings.jpgQuality', name: 'jpgQuality' })),
    field('PNG quality (1-100) ', h('input', { type: 'number', min: '1', max: '100', value: '100', 'data-field': 'settings.pngQuality', name: 'pngQuality' })),
    field('WebP quality (1-100) ', h('input', { type: 'number', min: '1', max: '100', value: '100', 'data-field': 'settings.webpQuality', name: 'webpQuality' })),
    field('Trim transparent border ', h('input', { type: 'checkbox', 'data-field': 'settings.trimTransparentBackground', name: 'trimTransparentBackground' })),
    field('Enhance ', h('input', { type: 'checkbox', 'data-field': 'settings.imageEnhancement', name: 'imageEnhancement' })),
    field('Sharpening (0-10) ', h('input', { type: 'number', min: '0', max: '10', step: '0.5', value: '5', 'data-field': 'settings.sharpening', name: 'sharpening' })),
    field('Saturation (0-2) ', h('input', { type: 'number', min: '0', max: '2', step: '0.1', value: '1.4', 'data-field': 'settings.saturation', name: 'saturation' })));
}

function readSettings(fieldset) {
  const settings = {};
  for (const input of fieldset.querySelectorAll('[name]')) {
    settings[input.name] = input.type === 'checkbox' ? input.checked : input.type === 'number' ? Number(input.value) : input.value;
  }
  return settings;
}

export async function render(root) {
  let tab = 'qc_failed';
  const list = h('div', {}, loading());
  // A tab click clears the previous tab's images at once: nothing of them can be pressed while the new tab loads.
  const tabBar = h('div', { role: 'tablist', class: 'tabs' }, tabs.map(([value, text]) =>
    h('button', { role: 'tab', 'aria-selected': String(value === tab), onclick: (e) => { tab = value; tabBar.querySelectorAll('[role=tab]').forEach((t) => t.setAttribute('aria-selected', String(t === e.target))); list.replaceChildren(loading()); load(); } }, text)));
  const mode = h('select', { 'aria-label': 'Retry settings', onchange: () => { settings.hidden = mode.value !== 'modified'; } },
    h('option', { value: 'original' }, 'Original settings'), h('option', { value: 'modified' }, 'Modified settings'));
  const settings = processingFields();
  const regenerate = h('input', { type: 'checkbox', 'aria-label': 'Regenerate metadata' });
  const progress = h('div', { 'data-testid': 'retry-progress' });
  const retryForm = h('form', { class: 'panel', 'aria-label': 'Retry', onsubmit: (e) => { e.preventDefault(); act(e.submitter, retry); } },
    h('h2', {}, 'Retry selected'), h('div', { class: 'row' }, mode, h('label', {}, regenerate, ' Regenerate metadata'), h('button', { type: 'submit' }, 'Retry selected')),
    settings, h('ul', { class: 'form-errors' }), progress);
  // The selection is a set of ids, so it can hold images not loaded yet; the checkboxes shown mirror it.
  const selection = new Set();
  const selectedCount = h('span', { 'aria-live': 'polite', 'data-testid': 'selected-count' });
  const showSelection = () => {
    list.querySelectorAll('figure input[type=checkbox]').forEach((c) => { c.checked = selection.has(c.value); });
    selectedCount.textContent = `${selection.size} selected`;
  };
  list.addEventListener('change', (e) => {
    if (!e.target.matches('figure input[type=checkbox]')) return;
    if (e.target.checked) selection.add(e.target.value); else selection.delete(e.target.value);
    selectedCount.textContent = `${selection.size} selected`;
  });
  const selectAll = h('input', { type: 'checkbox', onchange: () => {
    list.querySelectorAll('figure input[type=checkbox]').forEach((c) => { if (selectAll.checked) selection.add(c.value); else selection.delete(c.value); });
    showSelection();
  } });
  const selectEvery = h('button', { type: 'button', 'data-testid': 'select-every', onclick: () => act(selectEvery, async () => {
    let continuation = null;
    do {
      const page = await api(`images?qcStatus=${tab}&limit=100${continuation ? `&continuation=${encodeURIComponent(continuation)}` : ''}`);
      for (const image of page.items.slice(0, maxRetry - selection.size)) selection.add(image.id);
      continuation = page.continuation;
    } while (continuation && selection.size < maxRetry);
    showSelection();
  }) }, `Select every image in this tab (up to ${maxRetry})`);
  const clear = h('button', { type: 'button', onclick: () => { selection.clear(); selectAll.checked = false; showSelection(); } }, 'Clear selection');
  root.append(h('h1', {}, 'Review'), tabBar, retryForm,
    h('div', { class: 'row' }, h('label', { class: 'inline' }, selectAll, ' Select all shown'), selectEvery, clear, selectedCount), list);

  const review = (verb, text) => (image) => {
    const b = h('button', { onclick: () => act(b, async () => {
      if (verb === 'delete' && !confirm('Delete this image?')) return;
      await api(verb === 'delete' ? `images/${image.id}` : `images/${image.id}/${verb}`, { method: verb === 'delete' ? 'DELETE' : 'POST' });
      toast(`${text}: ${image.id}`);
      await load();
    }) }, text);
    return b;
  };

  let loadSequence = 0;
  async function load() {
    const sequence = ++loadSequence;
    try {
      selectAll.checked = false;
      selection.clear();
      selectedCount.textContent = '';
      const actions = tab === 'approved' ? [review('reject', 'Reject'), review('delete', 'Delete')] : [review('approve', 'Approve'), review('reject', 'Reject'), review('delete', 'Delete')];
      const grid = await pagedImageGrid(`images?qcStatus=${tab}&limit=100`, { selectable: true, selected: selection, testId: 'review-grid', actions },
        { emptyText: 'Nothing to review here.', isCurrent: () => sequence === loadSequence }); // a later tab's load wins
      if (grid) list.replaceChildren(grid);
    } catch (error) {
      if (sequence === loadSequence) list.replaceChildren(h('p', { class: 'error', role: 'alert' }, error.message));
    }
  }

  async function retry() {
    const ids = [...selection];
    if (!ids.length) return toast('Select images first.');
    const body = { ids, settings: mode.value === 'modified' ? readSettings(settings) : 'original', regenerateMetadata: regenerate.checked };
    let started;
    try {
      started = await api('images/retry', { method: 'POST', body });
      showFieldErrors(retryForm, {});
    } catch (error) {
      showFieldErrors(retryForm, error.errors);
      throw error;
    }
    await load();
    const done = await waitForOperation(started.statusUrl, (operation) => {
      const p = operation.progress;
      progress.replaceChildren(p ? progressBar(p.total ? Math.round(100 * p.done / p.total) : 100, 'Retry progress') : h('span', {}, 'Starting…'));
    });
    const results = done.result?.retried ?? [];
    toast(`Retry finished: ${results.filter((r) => r.qcStatus === 'approved').length} approved, ${results.filter((r) => r.qcStatus !== 'approved').length} failed, ${done.result?.rejected.length ?? 0} rejected.`);
    await load();
  }

  await load();
}
