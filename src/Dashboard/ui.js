// Small DOM helpers: no framework, so the page loads at once and the tests drive plain HTML.

/** h('button', {onclick, class: 'x'}, 'Label', child...) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return element;
}

export const time = (value) => value ? new Date(value).toLocaleString() : '—';

export const badge = (status) => h('span', { class: `badge ${status}` }, status.replace('_', ' '));

export function progressBar(percent, label) {
  return h('div', { class: 'progress', role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(percent), 'data-testid': 'progress' },
    h('div', { class: 'bar', style: `width:${percent}%` }), h('span', {}, `${percent}%`));
}

export function toast(message, kind = 'info') {
  const item = h('div', { class: `toast ${kind}` }, message);
  document.getElementById('toasts').append(item);
  setTimeout(() => item.remove(), 6000);
}

export const loading = () => h('p', { class: 'muted', 'aria-busy': 'true' }, 'Loading…');
export const empty = (text) => h('p', { class: 'empty' }, text);
export const failure = (error) => h('p', { class: 'error', role: 'alert' }, `Could not load: ${error.message}`);

/** Runs an action from a button, disabling it meanwhile and reporting failures. */
export async function act(button, action) {
  button.disabled = true;
  try { return await action(); } catch (error) { toast(error.message, 'error'); return undefined; } finally { button.disabled = false; }
}

/**
 * Calls `tick` again and again: every `fast` ms while it returns true (something is moving), backing off
 * up to `slow` ms while it returns false or fails. Returns a stop function.
 */
export function poll(tick, { fast = 1000, slow = 10000 } = {}) {
  let delay = fast;
  let stopped = false;
  let timer;
  const run = async () => {
    let busy = false;
    try { busy = await tick(); } catch { busy = false; }
    delay = busy ? fast : Math.min(delay * 2, slow);
    if (!stopped) timer = setTimeout(run, delay);
  };
  run();
  return () => { stopped = true; clearTimeout(timer); };
}

export function modal(title, content) {
  const dialog = h('dialog', { class: 'modal', 'aria-label': title },
    h('header', {}, h('h2', {}, title), h('button', { class: 'close', 'aria-label': 'Close', onclick: () => dialog.close() }, '×')),
    content);
  // Closing (Escape, the button) hands focus back to the control that opened it.
  const opener = document.activeElement;
  dialog.addEventListener('close', () => { dialog.remove(); if (opener?.isConnected) opener.focus(); });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** Field-level problem messages: each [data-field] element gets the messages for its JSON path. */
export function showFieldErrors(form, errors) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  const unplaced = [];
  for (const [path, messages] of Object.entries(errors ?? {})) {
    const input = form.querySelector(`[data-field="${CSS.escape(path)}"]`);
    const message = h('span', { class: 'field-error', role: 'alert', 'data-error-for': path }, messages.join(' '));
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.closest('label')?.append(message) ?? input.after(message);
    } else {
      unplaced.push(h('li', { 'data-error-for': path }, `${path}: ${messages.join(' ')}`));
    }
  }
  const summary = form.querySelector('.form-errors');
  if (summary) summary.replaceChildren(...unplaced);
}
