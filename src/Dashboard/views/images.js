// Image cards and the image modal, shared by the gallery, the job page and the review page.
import { api, imageSource } from '../api.js';
import { h, badge, modal, time, act, empty } from '../ui.js';

/**
 * An image that says so when it cannot be shown, instead of leaving an empty tile. <onUnavailable> lets a control
 * around it rename itself, so its name still contains the text it shows.
 */
function loadedImage(image, attributes, onUnavailable = () => {}) {
  const img = h('img', { alt: image.metadata?.title ?? image.prompt, ...attributes });
  const unavailable = () => {
    img.replaceWith(h('div', { class: 'image-unavailable', role: 'img', 'aria-label': `Image ${image.id} could not be loaded` },
      h('span', { 'aria-hidden': 'true' }, '⚠'), h('span', {}, 'Image could not be loaded')));
    onUnavailable();
  };
  img.addEventListener('error', unavailable, { once: true });
  imageSource(image.contentUrl).then((src) => { img.src = src; }, unavailable);
  return img;
}

/** <selected>: ids whose checkbox starts checked (a selection that reaches past the images shown). */
export function imageCard(image, { selectable = false, selected = null, actions = [] } = {}) {
  const img = loadedImage(image, { loading: 'lazy', width: image.width, height: image.height },
    () => open.setAttribute('aria-label', `Image could not be loaded: open image ${image.id}`));
  const open = h('button', { class: 'thumb', 'aria-label': `Open image ${image.id}`, onclick: () => showImage(image) }, img);
  return h('figure', { class: 'card', 'data-image-id': image.id, 'data-testid': 'image-card' },
    open,
    h('figcaption', {},
      selectable ? h('label', { class: 'check' }, h('input', { type: 'checkbox', value: image.id, checked: selected?.has(image.id) ?? false, 'aria-label': `Select ${image.id}` })) : null,
      h('span', { class: 'title' }, image.metadata?.title ?? image.prompt),
      badge(image.qcStatus),
      image.qcReason && image.qcStatus !== 'approved' ? h('small', { class: 'reason' }, image.qcReason) : null,
      actions.length ? h('div', { class: 'actions' }, actions.map((a) => a(image))) : null));
}

export function showImage(image) {
  const img = loadedImage(image, { class: 'full' });
  modal(image.metadata?.title ?? image.id, h('div', { class: 'image-detail' },
    img,
    h('dl', {},
      h('dt', {}, 'Id'), h('dd', {}, image.id),
      h('dt', {}, 'Job'), h('dd', {}, h('a', { href: `#/jobs/${image.jobId}` }, image.jobId)),
      h('dt', {}, 'Status'), h('dd', {}, badge(image.qcStatus), ' ', image.qcReason ?? ''),
      h('dt', {}, 'Prompt'), h('dd', {}, image.prompt),
      h('dt', {}, 'Size'), h('dd', {}, `${image.width} × ${image.height} (${image.aspectRatio})`),
      h('dt', {}, 'Title'), h('dd', {}, image.metadata?.title ?? '—'),
      h('dt', {}, 'Description'), h('dd', {}, image.metadata?.description ?? '—'),
      h('dt', {}, 'Tags'), h('dd', {}, (image.metadata?.tags ?? []).join(', ') || '—'),
      h('dt', {}, 'Created'), h('dd', {}, time(image.createdAt)))));
}

export function imageGrid(images, options) {
  return h('div', { class: `grid ${options?.layout ?? 'tiles'}`, 'data-testid': options?.testId ?? 'image-grid' }, images.map((i) => imageCard(i, options)));
}

/**
 * The first page of the images at <path> as a grid, with a "Load more" button that follows the continuation, so
 * every image can be reached however many there are. Null when <isCurrent> says a newer request replaced this one.
 */
export async function pagedImageGrid(path, options, { emptyText, isCurrent = () => true } = {}) {
  const page = await api(path);
  if (!isCurrent()) return null;
  if (!page.items.length && !page.continuation) return empty(emptyText);
  const grid = imageGrid(page.items, options);
  let continuation = page.continuation;
  const more = h('button', { class: 'load-more', 'data-testid': 'load-more', onclick: () => act(more, async () => {
    const next = await api(`${path}${path.includes('?') ? '&' : '?'}continuation=${encodeURIComponent(continuation)}`);
    grid.append(...next.items.map((i) => imageCard(i, options)));
    continuation = next.continuation;
    update();
  }) });
  function update() {
    more.textContent = `Load more (${grid.children.length} shown)`;
    more.hidden = !continuation;
  }
  update();
  return h('div', {}, grid, more);
}
