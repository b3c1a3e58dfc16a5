// Settings: saved configurations (editor with the API's messages per field), schedules, providers, API key.
import { api, apiResponse, apiKey } from '../api.js';
import { h, act, toast, empty, time, showFieldErrors, loading } from '../ui.js';

// [JSON path, label, kind, choices]; the form is built from this list and read back into the same shape.
const fields = [
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
  ['processing.jpgQuality', 'JPG quality', 'number'],
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

function read(form) {
  const configuration = {};
  for (const [path, , kind] of fields) {
    const control = form.querySelector(`[data-field="${path}"]`);
    if (kind === 'checkbox') set(configuration, path, control.checked);
    else if (kind === 'number') {
      // A number when it reads as one; otherwise the text as typed, so the API names the field.
      if (control.value.trim() !== '') set(configuration, path, Number.isFinite(Number(control.value)) ? Number(control.value) : control.value);
    } else if (control.value !== '' || !path.endsWith('Prompt')) set(configuration, path, control.value);
  }
  return configuration;
}

const defaults = {
  keywordsFormat: 'auto', systemPrompt: 'stock photo of {keyword}',
  parameters: { provider: 'piapi', model: '', processMode: 'relax', aspectRatios: ['1:1', '16:9', '9:16'], count: 1, mjVersion: '6.1', openaiModel: 'gpt-4o', pollingIntervalSeconds: 15, pollingTimeoutMinutes: 15, generationRetryAttempts: 1, generationRetryBackoffMs: 0 },
  ai: { runPromptWriter: true, runQualityCheck: true, runMetadataGen: true },
  processing: { removeBgSize: 'auto', convertTo: 'png', jpgBackground: 'white', jpgQuality: 100, sharpening: 5, saturation: 1.4 },
};

export async function render(root) {
  const list = h('div', {}, loading());
  const editor = h('div', {});
  const schedules = h('div', {});
  const providers = h('div', {});
  const key = h('input', { type: 'password', value: apiKey.get(), 'aria-label': 'API key for this browser', autocomplete: 'off' });
  root.append(h('h1', {}, 'Settings'),
    h('section', { class: 'panel', 'aria-label': 'Configurations' },
      h('div', { class: 'row' }, h('h2', {}, 'Configurations'), h('button', { onclick: () => edit(null) }, 'New configuration')), list, editor),
    h('section', { class: 'panel', 'aria-label': 'Schedules' }, h('h2', {}, 'Schedules'), schedules),
    h('section', { class: 'panel', 'aria-label': 'Providers' }, h('h2', {}, 'Providers'), providers),
    h('section', { class: 'panel', 'aria-label': 'Access' }, h('h2', {}, 'API key'),
      h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); apiKey.set(key.value); toast('Saved in this browser.'); } },
        key, h('button', { type: 'submit' }, 'Save key')),
      h('p', { class: 'muted' }, 'The Server\'s Api__Key, or on Azure a function key (az functionapp keys list). Sent as x-api-key and x-functions-key; stored in this browser, never sent anywhere but this API.')));

  let configurations = [];

  async function loadConfigurations() {
    ({ items: configurations } = await api('configurations?limit=100'));
    list.replaceChildren(configurations.length ? h('table', { 'data-testid': 'configurations' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Generations'), h('th', {}, 'Updated'), h('th', {}, ''))),
      h('tbody', {}, configurations.map((c) => {
        const run = h('button', { onclick: () => act(run, async () => { const s = await api('jobs', { method: 'POST', body: { configurationId: c.id } }); location.hash = `#/jobs/${s.id}`; }) }, 'Run');
        const remove = h('button', { onclick: () => act(remove, async () => { if (confirm(`Delete "${c.name}"?`)) { await api(`configurations/${c.id}`, { method: 'DELETE' }); await loadConfigurations(); } }) }, 'Delete');
        return h('tr', { 'data-configuration': c.name },
          h('td', {}, c.name), h('td', {}, String(c.parameters.count)), h('td', {}, time(c.updatedAt)),
          h('td', {}, h('button', { onclick: () => edit(c) }, 'Edit'), run, remove));
      }))) : empty('No saved configurations yet.'));
  }

  async function edit(saved) {
    let etag = saved?.etag ?? null;
    const form = h('form', { class: 'editor', 'aria-label': saved ? `Edit ${saved.name}` : 'New configuration', 'data-testid': 'configuration-editor', novalidate: true },
      h('ul', { class: 'form-errors', role: 'alert' }),
      h('div', { class: 'fields' }, fields.map(input)),
      h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Save'), h('button', { type: 'button', onclick: () => editor.replaceChildren() }, 'Close')));
    fill(form, saved ?? defaults);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      act(e.submitter, async () => {
        try {
          const response = await apiResponse(saved ? `configurations/${saved.id}` : 'configurations', {
            method: saved ? 'PUT' : 'POST', body: read(form), headers: etag ? { 'if-match': etag } : {} });
          saved = await response.json();
          etag = saved.etag;
          showFieldErrors(form, {});
          toast(`Saved "${saved.name}".`);
          await loadConfigurations();
          await loadSchedules();
        } catch (error) {
          showFieldErrors(form, error.status === 400 ? error.errors : {});
          if (error.status !== 400) throw error;
        }
      });
    });
    editor.replaceChildren(form);
    form.querySelector('[data-field="name"]').focus();
  }

  async function loadSchedules() {
    const { items } = await api('schedules?limit=100');
    const names = Object.fromEntries(configurations.map((c) => [c.id, c.name]));
    const configuration = h('select', { 'aria-label': 'Configuration to schedule', 'data-field': 'configurationId' }, configurations.map((c) => h('option', { value: c.id }, c.name)));
    const cron = h('input', { 'aria-label': 'Cron (UTC)', placeholder: '0 6 * * *', 'data-field': 'cron' });
    const enabled = h('input', { type: 'checkbox', checked: true, 'aria-label': 'Enabled' });
    const form = h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); act(e.submitter, async () => {
      try {
        await api('schedules', { method: 'POST', body: { configurationId: configuration.value, cron: cron.value, enabled: enabled.checked } });
        await loadSchedules();
      } catch (error) { showFieldErrors(form, error.errors); if (error.status !== 400) throw error; }
    }); } }, configuration, cron, h('label', {}, enabled, ' Enabled'), h('button', { type: 'submit', disabled: !configurations.length }, 'Add schedule'), h('ul', { class: 'form-errors' }));
    schedules.replaceChildren(
      items.length ? h('table', {}, h('thead', {}, h('tr', {}, ['Configuration', 'Cron (UTC)', 'Enabled', 'Next run', 'Last job', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, items.map((s) => {
          const remove = h('button', { onclick: () => act(remove, async () => { await api(`schedules/${s.id}`, { method: 'DELETE' }); await loadSchedules(); }) }, 'Delete');
          return h('tr', {}, h('td', {}, names[s.configurationId] ?? s.configurationId), h('td', {}, h('code', {}, s.cron)), h('td', {}, s.enabled ? 'yes' : 'no'),
            h('td', {}, time(s.nextRunAt)), h('td', {}, s.lastJobId ? h('a', { href: `#/jobs/${s.lastJobId}` }, time(s.lastRunAt)) : '—'), h('td', {}, remove));
        }))) : empty('No schedules.'),
      form);
  }

  async function loadProviders() {
    const { items } = await api('providers');
    providers.replaceChildren(h('table', { 'data-testid': 'providers' },
      h('thead', {}, h('tr', {}, ['Provider', 'Used for', 'Endpoint', 'Key'].map((t) => h('th', {}, t)))),
      h('tbody', {}, items.map((p) => h('tr', {}, h('td', {}, p.name), h('td', {}, p.purpose), h('td', {}, p.endpoint),
        h('td', {}, p.keyConfigured ? 'configured' : 'not set'))))));
  }

  await loadConfigurations();
  await Promise.all([loadSchedules(), loadProviders()]);
}
