// The dashboard talks only to the HTTP API. Errors arrive as RFC 7807 problem documents.
const keyStorage = 'genImageFactory.apiKey';

export const apiKey = {
  get: () => localStorage.getItem(keyStorage) ?? '',
  set: (value) => value ? localStorage.setItem(keyStorage, value) : localStorage.removeItem(keyStorage),
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
    this.errors = problem?.errors ?? {};
  }
}

// One stored key, sent in both headers: the Server reads x-api-key (Api__Key); the Functions host checks a
// function key only in x-functions-key (or ?code=) and ignores other headers. Same origin, so no preflight.
function headers(extra, hasBody) {
  const result = { ...extra };
  if (hasBody) result['content-type'] = 'application/json';
  const key = apiKey.get();
  if (key) {
    result['x-api-key'] = key;
    result['x-functions-key'] = key;
  }
  return result;
}

async function send(path, { method = 'GET', body, headers: extra = {} } = {}) {
  const response = await fetch(`/api/${path}`, {
    method,
    headers: headers(extra, body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function api(path, options) {
  const response = await send(path, options);
  if (response.status === 204) return null;
  return (response.headers.get('content-type') ?? '').includes('json') ? response.json() : response.text();
}

/** The response with its headers (ETag), for optimistic concurrency. */
export const apiResponse = send;

/** Downloads a file the API produces (export), keeping the name the server gives it. */
export async function download(path, options = {}) {
  const response = await send(path, options);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? path.split('/').pop();
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: decodeURIComponent(name) });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** An image source: the content URL, or (with an API key, which an <img> cannot send) a blob URL. */
export async function imageSource(contentUrl) {
  if (!apiKey.get()) return contentUrl;
  const response = await fetch(contentUrl, { headers: headers({}, false) });
  if (!response.ok) throw new Error(`The image could not be loaded (${response.status}).`);
  return URL.createObjectURL(await response.blob());
}
