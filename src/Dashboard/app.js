// Hash routes -> views. Each view renders into <main> and returns a cleanup (stops its polling).
import { failure } from './ui.js';

const views = {
  main: () => import('./views/main.js'),
  jobs: () => import('./views/jobs.js'),
  job: () => import('./views/job.js'),
  review: () => import('./views/review.js'),
  settings: () => import('./views/settings.js'),
};

function resolve(hash) {
  const [page, id] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'jobs' && id) return { view: 'job', nav: 'jobs', params: { id: decodeURIComponent(id) } };
  return views[page] ? { view: page, nav: page, params: {} } : { view: 'main', nav: 'main', params: {} };
}

let cleanup = () => {};

async function show() {
  cleanup();
  const { view, nav, params } = resolve(location.hash);
  document.querySelectorAll('[data-nav]').forEach((a) => a.toggleAttribute('aria-current', a.dataset.nav === nav));
  const root = document.getElementById('content');
  root.replaceChildren();
  // Focus moves to the page now, not once it has loaded: by then a keyboard user may have moved on into it.
  root.focus({ preventScroll: true });
  try {
    const module = await views[view]();
    cleanup = (await module.render(root, params)) ?? (() => {});
  } catch (error) {
    root.replaceChildren(failure(error));
    cleanup = () => {};
  }
}

window.addEventListener('hashchange', show);
// The skip link moves focus without touching the hash, which holds the route.
document.querySelector('.skip').addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('content').focus();
});
show();
