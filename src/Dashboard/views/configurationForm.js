// The configuration editor: every field of a configuration, filled from one and read back into the same shape
// (fields it does not show are kept), with keywords loadable from a .txt or .csv file. Settings and the job
// page's "Edit and rerun" both use it.
import { h } from '../ui.js';

// [JSON path, label, kind, choices]; the form is built from this list and read back into the same shape.
export const fields = [
  ['name', 'Name', 'text'],
  ['keywords', 'Keywords (one per line, or CSV with a header row)', 'textarea'],
  ['keywordsFormat', 'Keywords format', 'select', ['auto', 'txt', 'csv']],
  ['keywordRandom', 'Pick keywords at random', 'checkbox'],
  ['systemPrompt', 'Prompt template ({keyword} or ${column})', 'textarea'],
  ['qualityCheckPrompt', 'Quality check instructions (optional)', 'textarea'],
  ['metadataPrompt', 'Metadata instructions (optional)', 'textarea'],
  ['parameters.label', 'Job label (empty: job_YYYYMMDD_HHMMSS)', 'text'],
  ['parameters.provider', 'Provider', 'select', ['piapi', 'runware', 'openai-images']],
  ['parameters.model', 'Model (empty: the provider\'s default; PiAPI: Qubico/flux1-schnell, Qubico/flux1-dev, Qubico/flux1-dev-advanced, midjourney)', 'text'],
  ['parameters.maxSpend', 'Spend limit in USD (empty: none)', 'number'],
  ['parameters.maxConcurrency', 'Tasks in flight at once for this job (empty: the provider\'s cap)', 'number'],
  ['parameters.processMode', 'Process mode', 'select', ['relax', 'fast', 'turbo']],
  ['parameters.aspectRatios', 'Aspect ratios (e.g. 1:1,16:9)', 'text'],
  ['parameters.count', 'Generations', 'number'],
  ['parameters.mjVersion', 'Midjourney version (midjourney model only)', 'text'],
  ['parameters.openaiModel', 'Model for prompts, checks and metadata', 'text'],
  ['parameters.pollingIntervalSeconds', 'Polling interval (s)', 'number'],
  ['parameters.pollingTimeoutMinutes', 'Polling timeout (min)', 'number'],
  ['parameters.generationRetryAttempts', 'Retries per failed generation', 'number'],
  ['parameters.generationRetryBackoffMs', 'Retry backoff (ms)', 'number'],
  ['ai.runPromptWriter', 'Let the model write each prompt', 'checkbox'],
  ['ai.runQualityCheck', 'Quality check', 'checkbox'],
  ['ai.runMetadataGen', 'Write metadata', 'checkbox'],
  ['processing.removeBg', 'Remove background', 'checkbox'],
  ['processing.removeBgSize', 'Background removal size', 'select', ['auto', 'preview', 'full', '4k']],
  ['processing.trimTransparentBackground', 'Trim transparent border', 'checkbox'],
  ['processing.imageEnhancement', 'Enhance', 'checkbox'],
  ['processing.sharpening', 'Sharpening (0-10)', 'number'],
  ['processing.saturation', 'Saturation (0-2)', 'number'],
  ['processing.imageConvert', 'Convert', 'checkbox'],
  ['processing.convertTo', 'Convert to', 'select', ['png', 'jpg', 'webp']],
  ['processing.jpgBackground', 'JPG background', 'select', ['white', 'black']],
  ['processing.jpgQuality', 'JPG quality (1-100)', 'number'],
  ['processing.pngQuality', 'PNG quality (1-100)', 'number'],
  ['processing.webpQuality', 'WebP quality (1-100)', 'number'],
];

const get = (object, path) => path.split('.').reduce((o, k) => o?.[k], object);
function set(object, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  keys.reduce((o, k) => (o[k] ??= {}), object)[last] = value;
}

function input([path, label, kind, choices]) {
  const attrs = { 'data-field': path, name: path };
  const control = kind === 'textarea' ? h('textarea', { ...attrs, rows: path === 'keywords' ? '5' : '2' })
    : kind === 'select' ? h('select', attrs, choices.map((c) => h('option', { value: c }, c)))
    : h('input', { ...attrs, type: kind === 'number' ? 'text' : kind, inputmode: kind === 'number' ? 'decimal' : undefined });
  return h('label', { class: kind === 'checkbox' ? 'inline' : 'field' }, h('span', {}, label), control);
}

function fill(form, configuration) {
  for (const [path, , kind] of fields) {
    const control = form.querySelector(`[data-field="${path}"]`);
    const value = get(configuration, path);
    if (kind === 'checkbox') control.checked = Boolean(value);
    else control.value = Array.isArray(value) ? value.join(',') : value ?? '';
  }
}

function read(form, base) {
  // Starts from what was loaded, so fields this form does not show are kept, never reset by a save.
  const { id, createdAt, updatedAt, etag, ...configuration } = structuredClone(base ?? {});
  for (const [path, , kind] of fields) {
    const control = form.querySelector(`[data-field="${path}"]`);
    if (kind === 'checkbox') set(configuration, path, control.checked);
    else if (kind === 'number') {
      // A number when it reads as one; otherwise the text as typed, so the API names the field. Blank clears it.
      const text = control.value.trim();
      set(configuration, path, text === '' ? null : Number.isFinite(Number(text)) ? Number(text) : control.value);
    } else set(configuration, path, control.value !== '' || !path.endsWith('Prompt') ? control.value : null);
  }
  return configuration;
}

export const defaults = {
  keywordsFormat: 'auto', systemPrompt: 'stock photo of {keyword}',
  parameters: { provider: 'piapi', model: '', processMode: 'relax', aspectRatios: ['1:1', '16:9', '9:16'], count: 1, mjVersion: '6.1', openaiModel: 'gpt-4o', pollingIntervalSeconds: 15, pollingTimeoutMinutes: 15, generationRetryAttempts: 1, generationRetryBackoffMs: 0 },
  ai: { runPromptWriter: true, runQualityCheck: true, runMetadataGen: true },
  processing: { removeBgSize: 'auto', convertTo: 'png', jpgBackground: 'white', jpgQuality: 100, pngQuality: 100, webpQuality: 100, sharpening: 5, saturation: 1.4 },
};

/** A form for <initial>; read() returns the configuration as edited. */
export function configurationForm(initial, { label, buttons }) {
  const keywordsFile = h('input', { type: 'file', accept: '.txt,.csv,text/plain,text/csv', 'aria-label': 'Load keywords from a .txt or .csv file' });
  const form = h('form', { class: 'editor', 'aria-label': label, 'data-testid': 'configuration-editor', novalidate: true },
    h('ul', { class: 'form-errors', role: 'alert' }),
    h('div', { class: 'fields' }, fields.map(input)),
    h('label', { class: 'field' }, h('span', {}, 'Load keywords from a file'), keywordsFile),
    h('div', { class: 'row' }, buttons));
  keywordsFile.addEventListener('change', async () => {
    const file = keywordsFile.files[0];
    if (!file) return;
    form.querySelector('[data-field="keywords"]').value = await file.text();
    form.querySelector('[data-field="keywordsFormat"]').value = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'txt';
  });
  fill(form, initial);
  return { form, read: () => read(form, initial) };
}

/** The settings as a readable list: each field's label and value. */
export function settingsOverview(configuration) {
  const shown = (value) => (Array.isArray(value) ? value.join(', ') : value === true ? 'yes' : value === false ? 'no' : value === null || value === '' || value === undefined ? '—' : String(value));
  return h('dl', { class: 'facts settings-overview', 'data-testid': 'settings-overview' },
    fields.flatMap(([path, text]) => [h('dt', {}, text), h('dd', { 'data-setting': path }, shown(get(configuration, path)))]));
}
