// Display data for image and "Baca juga" nodes (not part of the blocks): an image's URL and a
// related article's headline, fetched once per id and kept for the nodes, the side panel and
// the conflict view.

import { mediaSrc } from './api.js';

// cache: id -> value | Promise of it; a failed fetch is forgotten so that it is tried again.
const remember = (cache, key, fetcher) => {
  if (key == null || key === '') return Promise.resolve('');
  const hit = cache.get(key);
  if (typeof hit === 'string') return Promise.resolve(hit);
  if (hit) return hit;
  const p = fetcher()
    .then((v) => {
      cache.set(key, v || '');
      return v || '';
    })
    .catch(() => {
      cache.delete(key);
      return '';
    });
  cache.set(key, p);
  return p;
};
const cached = (cache, key) => {
  const v = cache.get(key);
  return typeof v === 'string' ? v : '';
};

/**
 * `ctx` is what the nodes (nodes.js) and the side panel read; `lookup` is blocksToDoc's;
 * `setSrc`/`setHeadline` record what the editor already knows (an inserted image or story).
 */
export function displayData(t, api) {
  const srcCache = new Map(); // media id -> src | Promise
  const headlineCache = new Map(); // article id -> headline | Promise
  const ctx = {
    t,
    mediaSrc: (id) => remember(srcCache, Number(id), () => api.getMedia(id).then((m) => mediaSrc(m))),
    mediaSrcCached: (id) => cached(srcCache, Number(id)),
    headline: (id) => remember(headlineCache, Number(id), () => api.getArticle(id).then((a) => a && a.headline)),
    headlineCached: (id) => cached(headlineCache, Number(id)),
  };
  return {
    ctx,
    lookup: { media: (id) => ctx.mediaSrcCached(id), headline: (id) => ctx.headlineCached(id) },
    setSrc: (id, src) => srcCache.set(Number(id), src),
    setHeadline: (id, headline) => headlineCache.set(Number(id), headline),
  };
}
