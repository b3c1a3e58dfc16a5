// Settings: saved configurations (editor with the API's messages per field), schedules, providers, API key.
import { api, apiResponse, apiKey } from '../api.js';
import { h, act, toast, empty, time, showFieldErrors, loading } from '../ui.js';
import { configurationForm, defaults } from './configurationForm.js';

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
    const { form, read } = configurationForm(saved ?? defaults, {
      label: saved ? `Edit ${saved.name}` : 'New configuration',
      buttons: [h('button', { type: 'submit' }, 'Save'), h('button', { type: 'button', onclick: () => editor.replaceChildren() }, 'Close')],
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      act(e.submitter, async () => {
        try {
          const response = await apiResponse(saved ? `configurations/${saved.id}` : 'configurations', {
            method: saved ? 'PUT' : 'POST', body: read(), headers: etag ? { 'if-match': etag } : {} });
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
