// The JSON API client: same-origin credentials, CSRF header on writes, problem+json errors.

export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.status = problem.status;
    this.title = problem.title || '';
    this.detail = problem.detail || problem.title || '';
    this.field = typeof problem.field === 'string' ? problem.field : '';
  }
}

/** Thrown when the request never reached the server (offline, aborted). */
export class NetworkError extends Error {}

export function createApi({ base, csrf }) {
  const root = String(base || '/api/v1').replace(/\/+$/, '');

  async function request(method, path, { json, form, signal, keepalive } = {}) {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf || '';
    let body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (form) {
      body = form; // the browser sets the multipart boundary
    }
    let res;
    try {
      res = await fetch(root + path, { method, headers, body, credentials: 'same-origin', signal, keepalive: !!keepalive });
    } catch (e) {
      if (e && e.name === 'AbortError') throw e;
      throw new NetworkError(String(e && e.message ? e.message : e));
    }
    const text = await res.text().catch(() => '');
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    if (!res.ok) {
      const p = data && typeof data === 'object' ? data : {};
      throw new ApiError({ title: p.title || res.statusText, status: p.status || res.status, detail: p.detail, field: p.field });
    }
    return data;
  }

  const q = (params) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) u.set(k, String(v));
    return u.toString();
  };

  return {
    request,
    getArticle: (id, signal) => request('GET', `/articles/${encodeURIComponent(id)}`, { signal }),
    createArticle: (payload) => request('POST', '/articles', { json: payload }),
    // Sent while the page goes away: keepalive lets it outlive the page.
    leave: (id) => request('DELETE', `/articles/${encodeURIComponent(id)}/presence`, { keepalive: true }).catch(() => null),
    saveArticle: (id, payload) => request('PATCH', `/articles/${encodeURIComponent(id)}`, { json: payload }),
    presence: (id) => request('POST', `/articles/${encodeURIComponent(id)}/presence`),
    searchArticles: (text, signal) => request('GET', `/articles?${q({ status: 'published', q: text, per_page: 8 })}`, { signal }),
    suggestions: (id, signal) => request('GET', `/articles/${encodeURIComponent(id)}/suggestions`, { signal }),
    tags: (text, signal) => request('GET', `/tags?${q({ q: text })}`, { signal }),
    topics: (text, signal) => request('GET', `/topics?${q({ q: text })}`, { signal }),
    searchMedia: (text, signal) => request('GET', `/media?${q({ q: text, per_page: 24 })}`, { signal }),
    getMedia: (id) => request('GET', `/media/${encodeURIComponent(id)}`),
    upload: (file, meta = {}) => {
      const fd = new FormData();
      fd.append('file', file, file.name || 'gambar');
      fd.append('caption', meta.caption || '');
      fd.append('credit', meta.credit || '');
      fd.append('alt', meta.alt || '');
      return request('POST', '/media', { form: fd });
    },
  };
}

/** The URL of the variant best suited to a `width`-pixel slot (the original as fallback). */
export function mediaSrc(media, width = 640) {
  if (!media) return '';
  const vs = (media.variants || []).filter((v) => v && v.url).sort((a, b) => a.width - b.width);
  const fit = vs.find((v) => v.width >= width) || vs[vs.length - 1];
  return fit ? fit.url : media.url || '';
}
