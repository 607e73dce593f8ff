// The one place that talks HTTP. Every failure becomes an ApiError with a message a person can read.

let csrfToken = null;
let onUnauthenticated = () => {};

export function setCsrf(token) { csrfToken = token || null; }
export function setUnauthenticatedHandler(fn) { onUnauthenticated = fn; }

export class ApiError extends Error {
  constructor(status, code, message, details = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = Array.isArray(details) ? details : [];
  }
}

function headersFor(method, json) {
  const h = { Accept: 'application/json' };
  if (json) h['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) h['X-CSRF-Token'] = csrfToken;
  return h;
}

async function errorFrom(res) {
  let code = 'HTTP_' + res.status, message = res.status + ' ' + (res.statusText || 'error'), details = [];
  try {
    const body = await res.json();
    if (body && body.error) {
      code = body.error.code || code;
      message = body.error.message || message;
      details = body.error.details || [];
    }
  } catch { /* not JSON: keep the status line */ }
  return new ApiError(res.status, code, message, details);
}

/** Calls the API. Resolves to the parsed JSON body, or null for 204. Rejects with ApiError. */
export async function api(method, path, body, { quiet401 = false } = {}) {
  const isForm = body instanceof FormData;
  const init = { method, headers: headersFor(method, body !== undefined && !isForm), credentials: 'same-origin' };
  if (body !== undefined) init.body = isForm ? body : JSON.stringify(body);
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', 'Cannot reach the Labelloop server (' + e.message + '). Is it running?');
  }
  if (res.status === 401 && !quiet401) {
    const err = await errorFrom(res);
    onUnauthenticated(err);
    throw err;
  }
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

export const get = (path, opts) => api('GET', path, undefined, opts);
export const post = (path, body, opts) => api('POST', path, body, opts);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);

/** GET that turns a 404 (endpoint or resource not there yet) into null instead of an error. */
export async function getOptional(path) {
  try {
    return await get(path);
  } catch (e) {
    if (e.status === 404 || e.status === 405 || e.status === 501) return null;
    throw e;
  }
}

/** Multipart upload with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload failed: the server could not be reached.'));
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* keep null */ }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body);
      const e = body && body.error ? body.error : {};
      const err = new ApiError(xhr.status, e.code || 'HTTP_' + xhr.status, e.message || 'Upload failed with HTTP ' + xhr.status, e.details || []);
      if (xhr.status === 401) onUnauthenticated(err);
      reject(err);
    };
    xhr.send(form);
  });
}

/** Fetches every page of a list endpoint, up to maxItems. */
export async function getAll(path, maxItems = 5000) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(path + (cursor ? sep + 'cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...(page.items || []));
    cursor = page.nextCursor;
  } while (cursor && items.length < maxItems);
  return { items, truncated: !!cursor };
}

export const enc = encodeURIComponent;
