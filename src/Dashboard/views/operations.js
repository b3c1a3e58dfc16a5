// Waits for a bulk operation (bulk rerun, image retry), reporting progress as it goes.
import { api } from '../api.js';

export async function waitForOperation(statusUrl, onProgress) {
  const path = new URL(statusUrl, location.href).pathname.replace(/^\/api\//, '');
  for (let delay = 500; ; delay = Math.min(delay * 1.5, 4000)) {
    const operation = await api(path);
    onProgress?.(operation);
    if (operation.status !== 'running') return operation;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
